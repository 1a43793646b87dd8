package vn.baochay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

@QuarkusTest
class LiveFeedTest {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Test
    void newReportReachesTheConsoleWithinASecond() {
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null)) {
            JsonPath snapshot = console.await(LiveClient.type("snapshot"), SOON);
            assertThat(snapshot.getLong("seq")).isNotNegative();

            long posted = System.nanoTime();
            String incidentId = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");
            JsonPath opened = console.await(LiveClient.event("IncidentOpened", incidentId), SOON);
            Duration took = Duration.ofNanos(System.nanoTime() - posted);

            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(opened.getLong("seq")).isGreaterThan(snapshot.getLong("seq"));
            assertThat(opened.getString("incident.province")).isEqualTo("Điện Biên");
            assertThat(opened.getString("incident.status")).isEqualTo("NEW");
            assertThat(opened.getInt("incident.reportCount")).isEqualTo(1);
        }
    }

    @Test
    void snapshotHoldsTheOpenIncidentsOfTheDispatchersProvinces() {
        String incidentId = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");

        try (LiveClient dienBien = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             LiveClient laoCai = LiveClient.connect(Dispatchers.LAO_CAI, null)) {
            assertThat(dienBien.await(LiveClient.type("snapshot"), SOON).getList("incidents.id")).contains(incidentId);
            assertThat(laoCai.await(LiveClient.type("snapshot"), SOON).getList("incidents.id")).doesNotContain(incidentId);
        }
    }

    @Test
    void consoleHearsOnlyItsOwnProvinces() {
        try (LiveClient laoCai = LiveClient.connect(Dispatchers.LAO_CAI, null)) {
            laoCai.await(LiveClient.type("snapshot"), SOON);
            String elsewhere = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");
            String own = Api.submit(Reports.at(Places.inLaoCai())).statusCode(201).extract().path("incidentId");

            laoCai.await(LiveClient.event("IncidentOpened", own), SOON);

            assertThat(laoCai.seen().stream().map(m -> m.getString("incidentId"))).doesNotContain(elsewhere);
        }
    }

    @Test
    void reconnectingConsoleGetsExactlyTheEventsItMissedInOrder() throws Exception {
        long lastSeq;
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null)) {
            console.await(LiveClient.type("snapshot"), SOON);
            String before = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");
            lastSeq = console.await(LiveClient.event("IncidentOpened", before), SOON).getLong("seq");
        }

        // While the console is away: two fires in its province, one elsewhere, one acknowledged.
        double[] fire = Places.inDienBien();
        String first = Api.submit(Reports.at(fire)).statusCode(201).extract().path("incidentId");
        Api.submit(Reports.at(fire)).statusCode(201);
        String second = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");
        Api.submit(Reports.at(Places.inLaoCai())).statusCode(201);
        Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 0))
                .post("/api/v1/dispatch/incidents/" + first + "/acknowledge").then().statusCode(200);

        try (LiveClient back = LiveClient.connect(Dispatchers.DIEN_BIEN, lastSeq)) {
            back.await(LiveClient.type("heartbeat"), SOON);
            List<JsonPath> replayed = back.seen().subList(0, back.seen().size() - 1);

            assertThat(replayed.stream().map(m -> m.getString("type"))).containsOnly("event");
            assertThat(replayed.stream().map(m -> m.getString("eventType") + " " + m.getString("incidentId")))
                    .containsExactly("IncidentOpened " + first, "ReportJoined " + first, "IncidentOpened " + second,
                            "IncidentAcknowledged " + first);
            assertThat(replayed.stream().map(m -> m.getLong("seq"))).isSorted().doesNotHaveDuplicates()
                    .allMatch(seq -> seq > lastSeq);
        }
    }

    @Test
    void consoleTooFarBehindGetsASnapshotInstead() {
        for (int i = 0; i < 3; i++) {
            Api.submit(Reports.at(Places.inLaoCai())).statusCode(201);
        }
        try (LiveClient console = LiveClient.connect(Dispatchers.LAO_CAI, -1_000_000L)) {
            assertThat(console.await(m -> true, SOON).getString("type")).isEqualTo("snapshot");
        }
    }

    @Test
    void upgradeWithoutAValidTicketIsRefused() {
        String accessToken = Dispatchers.token(Dispatchers.DIEN_BIEN);
        String expired = Jwt.issuer("https://baochay.vn").audience("baochay-live").upn(Dispatchers.DIEN_BIEN)
                .groups("DISPATCHER").claim("provinces", List.of("Điện Biên"))
                .issuedAt(Instant.now().minusSeconds(600)).expiresAt(Instant.now().minusSeconds(300)).sign();

        for (String ticket : List.of("", "not-a-ticket", accessToken, expired)) {
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(LiveClient.uri(ticket, null), new java.net.http.WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
    }
}
