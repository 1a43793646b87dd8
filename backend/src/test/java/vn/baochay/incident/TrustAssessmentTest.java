package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FromAddress;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * What the dispatcher is told of a report's trust, from each kind of reporter: a phone (its age, how far it
 * is from its last report), an address (how many reports came from it lately), both, or neither.
 */
@QuarkusTest
class TrustAssessmentTest {

    @Test
    void aNewPhonesReportSaysSoAndItsNextReportFarAwaySaysHowFar() {
        Phone phone = Phone.registered("vi");

        JsonPath first = incident(phone.report(Places.inDienBien()).incidentId());
        JsonPath second = incident(phone.report(Places.inLaoCai()).incidentId());

        assertThat(first.getList("trust.reasons.code")).contains("NEW_DEVICE").doesNotContain("NO_DEVICE", "FAR_FROM_DEVICE");
        assertThat(second.getList("trust.reasons.code")).contains("NEW_DEVICE", "FAR_FROM_DEVICE");
        assertThat(second.getInt("trust.reasons.find { it.code == 'FAR_FROM_DEVICE' }.km")).isBetween(100, 250);
    }

    @Test
    void aReportWithNeitherPhoneNorLimitedAddressIsOnlyMarkedAsHavingNoDevice() {
        String incidentId = vn.baochay.support.Api.submit(Reports.at(Places.fresh())).statusCode(201)
                .extract().path("incidentId");

        assertThat(incident(incidentId).getList("trust.reasons.code")).containsExactly("NO_DEVICE");
    }

    @Test
    void anAddressesFourthReportInFiveMinutesIsMarkedBusyWithAPhoneOrWithout() {
        FromAddress address = FromAddress.of("127.0.0.21");
        for (int i = 0; i < 3; i++) {
            assertThat(address.postJson("/api/v1/reports", json(Reports.at(Places.fresh()))).status()).isEqualTo(201);
        }
        FromAddress.Answer registered = address.postJson("/api/v1/devices", "{\"fcmToken\":\"fcm-" + UUID.randomUUID()
                + "\",\"platform\":\"ANDROID\",\"language\":\"vi\"}");
        JsonPath device = JsonPath.from(registered.body());
        Map<String, Object> fromPhone = Reports.with(Reports.at(Places.fresh()), "deviceId", device.getString("deviceId"));

        FromAddress.Answer withPhone = address.postJson("/api/v1/reports", json(fromPhone),
                "Bearer " + device.getString("deviceSecret"));
        FromAddress.Answer without = address.postJson("/api/v1/reports", json(Reports.at(Places.fresh())));

        JsonPath phoneIncident = incident(JsonPath.from(withPhone.body()).getString("incidentId"));
        assertThat(phoneIncident.getList("trust.reasons.code")).contains("NEW_DEVICE", "BUSY_ADDRESS");
        assertThat(phoneIncident.getInt("trust.reasons.find { it.code == 'BUSY_ADDRESS' }.count")).isEqualTo(4);
        JsonPath plainIncident = incident(JsonPath.from(without.body()).getString("incidentId"));
        assertThat(plainIncident.getList("trust.reasons.code")).contains("NO_DEVICE", "BUSY_ADDRESS");
        assertThat(plainIncident.getInt("trust.reasons.find { it.code == 'BUSY_ADDRESS' }.count")).isEqualTo(5);
    }

    private static JsonPath incident(String id) {
        return Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/incidents/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
