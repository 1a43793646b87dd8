package vn.baochay.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FakeFcm;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.Reporter;
import vn.baochay.support.TestFirebaseCredentials;

/**
 * Reporters hear how their report is handled, through the real Firebase Admin SDK talking to a
 * stand-in of FCM: what it sends, to whom, in which language, and what happens when FCM refuses.
 */
@QuarkusTest
class PushNotificationTest {

    @Inject
    PushRelay relay;

    @Inject
    PushRepository deliveries;

    @Inject
    io.agroal.api.AgroalDataSource database;

    private long lastEventSeq(String incidentId) throws Exception {
        try (var c = database.getConnection(); var q = c.prepareStatement(
                "SELECT max(seq) FROM incident_events WHERE incident_id = ?")) {
            q.setObject(1, java.util.UUID.fromString(incidentId));
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long act(String incidentId, String action, Map<String, ?> body) {
        return Dispatchers.as(Dispatchers.DIEN_BIEN).body(body)
                .post("/api/v1/dispatch/incidents/" + incidentId + "/" + action)
                .then().statusCode(200).extract().jsonPath().getLong("version");
    }

    @Test
    void acknowledgementReachesEachReporterInTheirLanguageWithThePlatformSettings() throws Exception {
        double[] market = Places.inDienBien();
        Phone vi = Phone.registered("vi");
        Phone en = Phone.registered("en");
        Reporter first = vi.report(market);
        en.report(Places.east(market, 30));

        act(first.incidentId(), "acknowledge", Map.of("version", 0));

        JsonNode toVi = FakeFcm.instance().await(vi.fcmToken(), 1, Duration.ofSeconds(10)).get(0).message();
        FakeFcm.Received toEn = FakeFcm.instance().await(en.fcmToken(), 1, Duration.ofSeconds(10)).get(0);
        assertThat(toVi.path("notification").path("title").asText()).isEqualTo("Trung tâm 114 đã tiếp nhận tin báo của bạn");
        assertThat(toEn.message().path("notification").path("title").asText()).isEqualTo("The 114 centre has taken your report");
        assertThat(toEn.authorization()).isEqualTo("Bearer " + TestFirebaseCredentials.ACCESS_TOKEN);
        assertThat(toVi.path("data").path("kind").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(toVi.path("data").path("reportId").asText()).isEqualTo(first.reportId());
        assertThat(toVi.path("data").path("incidentId").asText()).isEqualTo(first.incidentId());
        assertThat(toVi.path("android").path("priority").asText()).isEqualTo("high");
        assertThat(toVi.path("android").path("ttl").asText()).isEqualTo("3600s");
        assertThat(toVi.path("android").path("notification").path("tag").asText()).startsWith("baochay-");
        assertThat(toVi.path("apns").path("headers").path("apns-priority").asText()).isEqualTo("10");
        assertThat(toVi.path("apns").path("headers").path("apns-collapse-id").asText())
                .isEqualTo(toVi.path("android").path("notification").path("tag").asText());
        long expires = toVi.path("apns").path("headers").path("apns-expiration").asLong();
        assertThat(expires).isBetween(Instant.now().plusSeconds(3000).getEpochSecond(),
                Instant.now().plusSeconds(3700).getEpochSecond());
        // What a push never carries: the dispatcher's name, another reporter's data, a phone number.
        for (JsonNode message : List.of(toVi, toEn.message())) {
            assertThat(message.toString()).doesNotContain(Dispatchers.DIEN_BIEN).doesNotContain("Lò Thị Hoa")
                    .doesNotContain("+84");
        }
        assertThat(toVi.path("data").path("reportId").asText()).isNotEqualTo(
                toEn.message().path("data").path("reportId").asText());
    }

    @Test
    void everyStageOfTheIncidentIsAnnouncedOnceInOrder() throws Exception {
        Phone phone = Phone.registered("vi");
        Reporter reporter = phone.report(Places.inDienBien());
        long version = act(reporter.incidentId(), "acknowledge", Map.of("version", 0));
        for (String status : List.of("DISPATCHED", "ON_SCENE", "CONTROLLED", "CLOSED")) {
            version = act(reporter.incidentId(), "status", Map.of("version", version, "status", status));
        }

        List<FakeFcm.Received> sent = FakeFcm.instance().await(phone.fcmToken(), 5, Duration.ofSeconds(15));
        Thread.sleep(800);
        assertThat(FakeFcm.instance().to(phone.fcmToken()).stream().map(r -> r.message().path("data").path("kind").asText()))
                .containsExactly("ACKNOWLEDGED", "DISPATCHED", "ON_SCENE", "CONTROLLED", "CLOSED");
        assertThat(sent.get(4).message().path("notification").path("title").asText())
                .isEqualTo("Sự cố đã được xử lý xong");
    }

    @Test
    void aTokenFcmCallsUnregisteredIsPrunedAndNeverUsedAgain() throws Exception {
        Phone phone = Phone.registered("vi");
        Reporter reporter = phone.report(Places.inDienBien());
        FakeFcm.instance().answer(phone.fcmToken(), FakeFcm.Answer.UNREGISTERED);

        long version = act(reporter.incidentId(), "acknowledge", Map.of("version", 0));
        FakeFcm.instance().await(phone.fcmToken(), 1, Duration.ofSeconds(10));
        act(reporter.incidentId(), "status", Map.of("version", version, "status", "FALSE_ALARM"));
        Thread.sleep(1500);

        assertThat(FakeFcm.instance().to(phone.fcmToken())).hasSize(1);
        vn.baochay.support.Management.given().get("/q/metrics").then()
                .body(containsString("baochay_push_notifications_total{outcome=\"pruned\"}"));
    }

    @Test
    void quotaExceededIsRetriedNoSoonerThanRetryAfterAndDeliveredOnce() throws Exception {
        Phone phone = Phone.registered("en");
        Reporter reporter = phone.report(Places.inDienBien());
        FakeFcm.instance().retryAfterSeconds(1);
        FakeFcm.instance().answer(phone.fcmToken(), FakeFcm.Answer.QUOTA_EXCEEDED);

        act(reporter.incidentId(), "acknowledge", Map.of("version", 0));

        List<FakeFcm.Received> tries = FakeFcm.instance().await(phone.fcmToken(), 2, Duration.ofSeconds(15));
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        Thread.sleep(1500);
        assertThat(FakeFcm.instance().to(phone.fcmToken())).hasSize(2);
        assertThat(tries.get(1).message().path("android").path("notification").path("tag").asText())
                .isEqualTo(tries.get(0).message().path("android").path("notification").path("tag").asText());
        vn.baochay.support.Management.given().get("/q/metrics").then()
                .body(containsString("baochay_push_notifications_total{outcome=\"retried\"}"))
                .body(containsString("baochay_push_notifications_total{outcome=\"sent\"}"));
    }

    @Test
    void unavailableIsRetriedUntilFcmTakesIt() throws Exception {
        Phone phone = Phone.registered("vi");
        Reporter reporter = phone.report(Places.inDienBien());
        FakeFcm.instance().retryAfterSeconds(1);
        FakeFcm.instance().answer(phone.fcmToken(), FakeFcm.Answer.UNAVAILABLE, FakeFcm.Answer.UNAVAILABLE);

        act(reporter.incidentId(), "acknowledge", Map.of("version", 0));

        List<FakeFcm.Received> tries = FakeFcm.instance().await(phone.fcmToken(), 3, Duration.ofSeconds(30));
        Thread.sleep(1500);
        assertThat(FakeFcm.instance().to(phone.fcmToken())).hasSize(3);
        for (int i = 1; i < 3; i++) {
            assertThat(Duration.between(tries.get(i - 1).at(), tries.get(i).at()))
                    .as("wait before try %d", i + 1).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void aRestartInTheMiddleOfABatchSendsNothingTwiceAndSkipsNothing() throws Exception {
        Phone a = Phone.registered("vi");
        Phone b = Phone.registered("vi");
        Reporter ra = a.report(Places.inDienBien());
        Reporter rb = b.report(Places.inDienBien());
        relay.stop(null);
        try {
            act(ra.incidentId(), "acknowledge", Map.of("version", 0));
            act(rb.incidentId(), "acknowledge", Map.of("version", 0));
            Thread.sleep(500);
            assertThat(FakeFcm.instance().to(a.fcmToken())).isEmpty();
        } finally {
            // The instance that took leadership now plans both, and sends each once.
            relay.start(null);
        }
        FakeFcm.instance().await(a.fcmToken(), 1, Duration.ofSeconds(10));
        FakeFcm.instance().await(b.fcmToken(), 1, Duration.ofSeconds(10));

        // Stopped again between claiming a batch and sending it: planned and claimed (SENDING), never sent.
        relay.stop(null);
        try {
            act(ra.incidentId(), "status", Map.of("version", 1, "status", "DISPATCHED"));
            long seq = lastEventSeq(ra.incidentId());
            deliveries.plan(seq, PushKind.DISPATCHED, java.util.UUID.fromString(ra.incidentId()), null, Instant.now())
                    .await().atMost(Duration.ofSeconds(10));
            assertThat(deliveries.claim(500, Instant.now().plusSeconds(1)).await().atMost(Duration.ofSeconds(10)))
                    .extracting(PushRepository.Due::fcmToken).contains(a.fcmToken());
        } finally {
            // The next leader re-plans the same event (nothing added) and resumes the interrupted send.
            relay.start(null);
        }
        List<FakeFcm.Received> toA = FakeFcm.instance().await(a.fcmToken(), 2, Duration.ofSeconds(10));
        Thread.sleep(1500);
        assertThat(FakeFcm.instance().to(a.fcmToken())).hasSize(2);
        assertThat(FakeFcm.instance().to(b.fcmToken())).hasSize(1);
        assertThat(toA.get(1).message().path("data").path("kind").asText()).isEqualTo("DISPATCHED");
    }
}
