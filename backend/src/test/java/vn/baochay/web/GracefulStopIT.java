package vn.baochay.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import vn.baochay.support.AppInstance;
import vn.baochay.support.LiveClient;
import vn.baochay.support.LocalServices;
import vn.baochay.support.Places;
import vn.baochay.support.PostgisResource;
import vn.baochay.support.Reports;

/**
 * Stopping the packaged application (SIGTERM, as an orchestrator or a rolling restart does) while a console is
 * connected and a report is being taken: the console is told at once to reconnect, new requests are refused with a
 * problem the app retries on, the report being taken is still answered, and the process exits as soon as it is,
 * not after the shutdown timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulStopIT {

    private static final int PORT = 18_091;

    private PostgreSQLContainer postgres;
    private String jdbcUrl;
    private String user;
    private String password;
    private AppInstance app;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings = new HashMap<>();
        String hostPort;
        String name;
        if (PostgisResource.useContainers()) {
            postgres = new PostgreSQLContainer(DockerImageName.parse("postgis/postgis:15-3.4")
                    .asCompatibleSubstituteFor("postgres"));
            postgres.start();
            hostPort = postgres.getHost() + ":" + postgres.getMappedPort(5432);
            name = postgres.getDatabaseName();
            user = postgres.getUsername();
            password = postgres.getPassword();
        } else {
            LocalServices.Database db = LocalServices.freshDatabase("baochay_stop_it");
            hostPort = db.hostPort();
            name = db.name();
            user = db.user();
            password = db.password();
        }
        jdbcUrl = "jdbc:postgresql://" + hostPort + "/" + name;
        settings.put("quarkus.datasource.jdbc.url", jdbcUrl);
        settings.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + name);
        settings.put("quarkus.datasource.username", user);
        settings.put("quarkus.datasource.password", password);
        settings.put("quarkus.profile", "demo");
        settings.put("baochay.flood.unlimited", "127.0.0.1");
        settings.put("baochay.auth.key-dir", System.getProperty("baochay.it.dir", "target/it") + "/stop-keys");
        app = AppInstance.start("graceful-stop", PORT, settings);
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void aStopTellsConsolesToReconnectRefusesNewRequestsFinishesTheRunningReportAndExitsWithoutWaitingOut()
            throws Exception {
        Map<String, Object> held = Reports.at(Places.inDienBien());
        String clientReportId = String.valueOf(held.get("clientReportId"));
        try (LiveClient console = LiveClient.connectWithTicket(PORT, ticket(), null);
             Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(5));
            // The report's own lock (ReceiptRepository#lock), held here: its intake waits, as behind a retry of itself.
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 114))")) {
                lock.setString(1, "report:" + clientReportId);
                lock.execute();
            }
            CompletableFuture<Response> running = CompletableFuture.supplyAsync(() -> given()
                    .baseUri(app.baseUri()).contentType(ContentType.JSON).body(held).post("/api/v1/reports"));
            Thread.sleep(500);
            assertThat(running).isNotDone();

            long stopped = System.nanoTime();
            app.signalStop();

            assertThat(console.awaitClose(Duration.ofSeconds(3))).isEqualTo(1001);
            Response refused = given().baseUri(app.baseUri()).get("/api/v1/guidance");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.jsonPath().getString("type")).endsWith("/service-unavailable");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(running).isNotDone();

            db.commit();
            Response answered = running.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(201);
            assertThat(answered.jsonPath().getString("clientReportId")).isEqualTo(clientReportId);
            assertThat(app.awaitExit(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(8));
        }
    }

    private String ticket() {
        String token = given().baseUri(app.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("username", "giamsat", "password", "giamsat114"))
                .post("/api/v1/dispatch/login").then().statusCode(200).extract().path("token");
        return given().baseUri(app.baseUri()).auth().oauth2(token).post("/api/v1/dispatch/live-ticket")
                .then().statusCode(200).extract().path("ticket");
    }
}
