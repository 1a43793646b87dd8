package vn.baochay.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.baochay.support.FromAddress;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * A script flooding reports from one network address is held back with 429 and stores nothing, while
 * a new address's first report, a registered phone's first report and any retry are always taken.
 * Each client speaks from its own loopback address (the test profile limits every address but
 * 127.0.0.1: 20 reports, then 6 a minute).
 */
@QuarkusTest
class FloodControlTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    @Inject
    AgroalDataSource database;

    private static String json(Map<String, Object> report) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFloodFromOneAddressIsHeldBackWhileANewAddressIsTakenAtOnce() throws Exception {
        FromAddress flood = FromAddress.of("127.0.0.2");
        List<Map<String, Object>> taken = new ArrayList<>();
        FromAddress.Answer refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Map<String, Object> report = Reports.at(Places.fresh());
            FromAddress.Answer answer = flood.postJson("/api/v1/reports", json(report));
            if (answer.status() == 201) {
                taken.add(report);
            } else {
                refused = answer;
                assertThat(answer.status()).isEqualTo(429);
                // Nothing of the refused report was stored: the same clientReportId is new elsewhere.
                FromAddress.Answer elsewhere = FromAddress.of("127.0.0.5").postJson("/api/v1/reports", json(report));
                assertThat(elsewhere.status()).as("the refused report was not stored").isEqualTo(201);
            }
        }

        assertThat(taken).as("a household or a small market is never refused").hasSizeGreaterThanOrEqualTo(20);
        assertThat(refused).as("a script is held back before 40 reports").isNotNull();
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains(PROBLEMS + "rate-limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);

        FromAddress.Answer newcomer = FromAddress.of("127.0.0.3").postJson("/api/v1/reports",
                json(Reports.at(Places.fresh())));
        assertThat(newcomer.status()).as("a new address's first report").isEqualTo(201);

        FromAddress.Answer retry = flood.postJson("/api/v1/reports", json(taken.get(0)));
        assertThat(retry.status()).as("a retry of a report already taken is never held back").isEqualTo(200);
    }

    @Test
    void aRegisteredPhoneReportsFromAnAddressThatIsOverItsLimit() {
        FromAddress market = FromAddress.of("127.0.0.4");
        FromAddress.Answer answer;
        int sent = 0;
        do {
            answer = market.postJson("/api/v1/reports", json(Reports.at(Places.fresh())));
            sent++;
        } while (answer.status() == 201 && sent < 40);
        assertThat(answer.status()).isEqualTo(429);

        FromAddress.Answer device = market.postJson("/api/v1/devices", "{\"fcmToken\":\"fcm-" + UUID.randomUUID()
                + "\",\"platform\":\"ANDROID\",\"language\":\"vi\"}");
        assertThat(device.status()).isEqualTo(201);
        var registered = io.restassured.path.json.JsonPath.from(device.body());
        Map<String, Object> report = Reports.with(Reports.at(Places.fresh()), "deviceId", registered.getString("deviceId"));

        FromAddress.Answer fromPhone = market.postJson("/api/v1/reports", json(report),
                "Bearer " + registered.getString("deviceSecret"));

        assertThat(fromPhone.status()).as("a phone behind a busy carrier address is counted on its own").isEqualTo(201);
        assertThat(fromPhone.body()).contains("\"deviceBound\":true");
    }

    @Test
    void floodedReportsAreLabelledUnverifiedWithTheirReasonButNeverHidden() throws Exception {
        FromAddress script = FromAddress.of("127.0.0.6");
        String last = null;
        for (int i = 0; i < 12; i++) {
            FromAddress.Answer answer = script.postJson("/api/v1/reports", json(Reports.at(Places.fresh())));
            assertThat(answer.status()).isEqualTo(201);
            last = io.restassured.path.json.JsonPath.from(answer.body()).getString("incidentId");
        }

        var incident = vn.baochay.support.Dispatchers.as(vn.baochay.support.Dispatchers.SUPERVISOR)
                .get("/api/v1/dispatch/incidents/" + last).then().statusCode(200).extract().jsonPath();
        assertThat(incident.getString("trust.level")).isEqualTo("UNVERIFIED");
        assertThat(incident.getList("trust.reasons.code")).contains("BUSY_ADDRESS", "NO_DEVICE");
        assertThat(incident.getInt("trust.reasons.find { it.code == 'BUSY_ADDRESS' }.count")).isEqualTo(12);
        assertThat(incident.getString("burst.key")).startsWith("src:");
        assertThat(incident.getInt("burst.size")).isEqualTo(12);

        try (Connection c = database.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(DISTINCT opened_by_source) FROM incidents "
                     + "WHERE opened_at > now() - interval '5 minutes' AND trust < 40")) {
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(1);
            }
        }
    }
}
