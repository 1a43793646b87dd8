package vn.baochay.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;
import vn.baochay.support.AppInstance;
import vn.baochay.support.LiveClient;
import vn.baochay.support.LocalServices;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * Two instances of the packaged application in the {@code demo,cluster} profiles, on two ports, sharing one
 * database and one RabbitMQ, behave as one: a console on either sees reports taken by the other, and
 * a broker restart loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    private static final Duration SOON = Duration.ofSeconds(5);

    private PostgreSQLContainer postgres;
    private RabbitMQContainer rabbit;
    private AppInstance a;
    private AppInstance b;

    @BeforeAll
    void startTwoInstances() throws Exception {
        Map<String, String> settings = new HashMap<>();
        if (vn.baochay.support.PostgisResource.useContainers()) {
            postgres = new PostgreSQLContainer(DockerImageName.parse("postgis/postgis:15-3.4")
                    .asCompatibleSubstituteFor("postgres"));
            postgres.start();
            rabbit = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13-management"));
            rabbit.start();
            String hostPort = postgres.getHost() + ":" + postgres.getMappedPort(5432);
            database(settings, hostPort, postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword());
            settings.put("rabbitmq-host", rabbit.getHost());
            settings.put("rabbitmq-port", String.valueOf(rabbit.getAmqpPort()));
        } else {
            LocalServices.Database db = LocalServices.freshDatabase("baochay_cluster_it");
            database(settings, db.hostPort(), db.name(), db.user(), db.password());
            settings.put("rabbitmq-host", LocalServices.rabbitHost());
            settings.put("rabbitmq-port", String.valueOf(LocalServices.rabbitPort()));
        }
        // As in the cluster box (infra/cluster): the demo accounts and stations, on the cluster's settings.
        settings.put("quarkus.profile", "demo,cluster");
        // The test drives every report from 127.0.0.1: a crowd, not a flood.
        settings.put("baochay.flood.unlimited", "127.0.0.1");
        settings.put("baochay.auth.demo-accounts", "true");
        settings.put("baochay.auth.generate-keys", "true");
        settings.put("baochay.auth.key-dir", System.getProperty("baochay.it.dir", "target/it") + "/keys");
        settings.put("baochay.station.import-on-start", "classpath:demo/stations-demo.geojson");
        settings.put("quarkus.log.category.\"vn.baochay\".level", "DEBUG");
        a = AppInstance.start("instance-a", 18_081, settings);
        b = AppInstance.start("instance-b", 18_082, settings);
    }

    private static void database(Map<String, String> settings, String hostPort, String name, String user,
                                 String password) {
        settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + name);
        settings.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + name);
        settings.put("quarkus.datasource.username", user);
        settings.put("quarkus.datasource.password", password);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            startBroker();
        } finally {
            for (AutoCloseable closeable : new AutoCloseable[] {a, b}) {
                if (closeable != null) {
                    closeable.close();
                }
            }
            if (postgres != null) {
                postgres.stop();
            }
            if (rabbit != null) {
                rabbit.stop();
            }
        }
    }

    @Test
    void consoleOnOneInstanceSeesAReportTakenByTheOther() throws Exception {
        try (LiveClient onB = LiveClient.connectWithTicket(b.port(), ticket(b, "giamsat", "giamsat114"), null)) {
            onB.await(LiveClient.type("snapshot"), SOON);

            long posted = System.nanoTime();
            String incidentId = report(a, Places.inDienBien());
            onB.await(LiveClient.event("IncidentOpened", incidentId), SOON);

            assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void rabbitMqRestartLosesNoEventAndSendsNoneTwice() throws Exception {
        try (LiveClient onA = LiveClient.connectWithTicket(a.port(), ticket(a, "giamsat", "giamsat114"), null);
             LiveClient onB = LiveClient.connectWithTicket(b.port(), ticket(b, "giamsat", "giamsat114"), null)) {
            long startSeq = onB.await(LiveClient.type("snapshot"), SOON).getLong("seq");
            onA.await(LiveClient.type("snapshot"), SOON);

            List<String> incidents = new ArrayList<>();
            incidents.add(report(a, Places.inDienBien()));
            onB.await(LiveClient.event("IncidentOpened", incidents.get(0)), SOON);

            stopBroker();
            try {
                // Reports are still taken while the broker is down, on both instances.
                for (int i = 0; i < 4; i++) {
                    incidents.add(report(i % 2 == 0 ? a : b, Places.inLaoCai()));
                }
            } finally {
                startBroker();
            }
            for (int i = 0; i < 3; i++) {
                incidents.add(report(b, Places.inDienBien()));
            }

            for (LiveClient console : List.of(onA, onB)) {
                for (String incidentId : incidents) {
                    console.awaitEver(LiveClient.event("IncidentOpened", incidentId), Duration.ofSeconds(60));
                }
                // A supervisor sees every event: exactly one of each sequence number, in order, no gap.
                List<Long> seqs = console.seen().stream().filter(m -> "event".equals(m.getString("type")))
                        .map(m -> m.getLong("seq")).toList();
                long from = seqs.get(0);
                assertThat(seqs).containsExactlyElementsOf(LongStream.range(from, from + seqs.size()).boxed().toList());
                assertThat(seqs.get(seqs.size() - 1)).isGreaterThanOrEqualTo(startSeq + incidents.size());
            }

            // And the broker path itself is back: a report on A reaches B within a second again
            // (the database catch-up, the fallback, waits 3 s).
            assertThat(crossInstanceWithinOneSecond(onB, Duration.ofSeconds(60))).isTrue();
        }
    }

    private boolean crossInstanceWithinOneSecond(LiveClient onB, Duration trying) {
        long deadline = System.nanoTime() + trying.toNanos();
        while (System.nanoTime() < deadline) {
            String incidentId = report(a, Places.inDienBien());
            try {
                onB.await(LiveClient.event("IncidentOpened", incidentId), Duration.ofSeconds(1));
                return true;
            } catch (AssertionError late) {
                // came by the fallback, or not yet: the broker connection is still recovering
            }
        }
        return false;
    }

    private static String ticket(AppInstance instance, String username, String password) {
        String token = given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/dispatch/login").then().statusCode(200).extract().path("token");
        return given().baseUri(instance.baseUri()).auth().oauth2(token).post("/api/v1/dispatch/live-ticket")
                .then().statusCode(200).extract().path("ticket");
    }

    private static String report(AppInstance instance, double[] point) {
        JsonPath accepted = given().baseUri(instance.baseUri()).contentType(ContentType.JSON).body(Reports.at(point))
                .post("/api/v1/reports").then().statusCode(201).extract().jsonPath();
        return accepted.getString("incidentId");
    }

    private void stopBroker() throws Exception {
        if (rabbit != null) {
            rabbit.execInContainer("rabbitmqctl", "stop_app");
        } else {
            LocalServices.rabbitCtl("stop_app");
        }
    }

    private void startBroker() throws Exception {
        if (rabbit != null) {
            rabbit.execInContainer("rabbitmqctl", "start_app");
        } else {
            LocalServices.rabbitCtl("start_app");
        }
    }
}
