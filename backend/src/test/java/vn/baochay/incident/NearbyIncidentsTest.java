package vn.baochay.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.baochay.support.Api;
import vn.baochay.support.Contract;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/** "Is that smoke already known?": incidents being handled around a citizen, with nothing of who reported them. */
@QuarkusTest
class NearbyIncidentsTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private static ValidatableResponse nearby(double[] at, Integer radiusM, String lang) {
        RequestSpecification request = given().filter(Contract.RESPONSES)
                .queryParam("lat", at[0]).queryParam("lon", at[1]);
        if (radiusM != null) {
            request.queryParam("radiusM", radiusM);
        }
        if (lang != null) {
            request.queryParam("lang", lang);
        }
        return request.when().get("/api/v1/incidents/nearby").then();
    }

    private static String reportAt(double[] point) {
        return Api.submit(Reports.at(point)).statusCode(201).extract().path("incidentId");
    }

    /** A supervisor takes the incident (the test points lie in no demo dispatcher's provinces); its new version. */
    private static long acknowledge(String incidentId) {
        return Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 0))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/acknowledge")
                .then().statusCode(200).extract().jsonPath().getLong("version");
    }

    private static long moveTo(String incidentId, long version, String status) {
        return Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", version, "status", status))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/status")
                .then().statusCode(200).extract().jsonPath().getLong("version");
    }

    /** The incident's entry in an answer, or null when it is not listed. */
    private static Map<String, Object> entry(JsonPath answer, String incidentId) {
        return answer.getMap("incidents.find { it.id == '" + incidentId + "' }");
    }

    private static double rounded(double degrees) {
        return Math.round(degrees * 1000) / 1000.0;
    }

    @Test
    void anIncidentBeingHandledShowsARoundedPositionAndNothingOfItsReports() {
        double[] base = Places.fresh();
        double[] fire = {base[0] + 0.000_444, base[1] + 0.000_777};
        var report = Reports.with(Reports.with(Reports.with(Reports.at(fire), "description", "nhà tôi, số 12 ngõ 3"),
                "reporter.phone", "+84 912 000 114"), "reporter.name", "Lò Văn Pọm");
        String incidentId = Api.submit(report).statusCode(201).extract().path("incidentId");
        acknowledge(incidentId);
        // 1,060 m north of the grid point: 1,014 m from the fire itself, 1,066 m from its rounded position.
        double[] here = Places.north(base, 1060);

        var answer = nearby(here, null, "en").statusCode(200)
                .header("Content-Language", "en")
                .header("Cache-Control", "no-store")
                .extract();

        JsonPath json = answer.jsonPath();
        assertThat(json.getInt("radiusM")).isEqualTo(5000);
        Map<String, Object> incident = entry(json, incidentId);
        assertThat(incident).as("the acknowledged incident 1 km away").isNotNull()
                .doesNotContainKeys("name", "phone", "description", "reports", "photos", "reporter", "units")
                .containsEntry("kind", "FIRE")
                .containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("statusText", "The 114 centre has taken the report");
        String path = "incidents.find { it.id == '" + incidentId + "' }";
        double lat = json.getDouble(path + ".location.lat");
        double lon = json.getDouble(path + ".location.lon");
        assertThat(lat).isEqualTo(rounded(fire[0]));
        assertThat(lon).isEqualTo(rounded(fire[1]));
        // Measured from the rounded position, to the nearest 100 m: asking from elsewhere tells no more.
        long distance = json.getLong(path + ".distanceM");
        assertThat(distance).isEqualTo(Math.round(haversine(here[0], here[1], lat, lon) / 100) * 100).isEqualTo(1100);
        assertThat(json.getLong(path + ".ageMinutes")).isBetween(0L, 5L);
        assertThat(json.getString(path + ".openedAt")).isNotBlank();
        assertThat(answer.asString()).doesNotContain("số 12").doesNotContain("912 000").doesNotContain("Pọm")
                .doesNotContain("accuracyM");
    }

    @Test
    void anUnconfirmedReportIsNotShownUntilADispatcherTakesIt() {
        double[] at = Places.fresh();
        String incidentId = reportAt(at);

        assertThat(entry(nearby(at, null, null).statusCode(200).extract().jsonPath(), incidentId))
                .as("a NEW incident").isNull();

        acknowledge(incidentId);
        assertThat(entry(nearby(at, null, null).statusCode(200).extract().jsonPath(), incidentId)).isNotNull();
    }

    @Test
    void eachStageIsShownInTheCitizensWordsUntilTheIncidentIsClosed() {
        double[] at = Places.fresh();
        String incidentId = reportAt(at);
        long version = acknowledge(incidentId);

        nearby(at, 1000, null).statusCode(200).header("Content-Language", "vi");
        assertThat(entry(nearby(at, 1000, "vi").extract().jsonPath(), incidentId))
                .containsEntry("status", "ACKNOWLEDGED").containsEntry("statusText", "Trung tâm 114 đã tiếp nhận tin báo");
        version = moveTo(incidentId, version, "DISPATCHED");
        assertThat(entry(nearby(at, 1000, "vi").extract().jsonPath(), incidentId))
                .containsEntry("status", "UNITS_ON_THE_WAY")
                .containsEntry("statusText", "Lực lượng chữa cháy đang trên đường tới");
        version = moveTo(incidentId, version, "ON_SCENE");
        assertThat(entry(nearby(at, 1000, "en").extract().jsonPath(), incidentId))
                .containsEntry("status", "UNITS_ON_SCENE").containsEntry("statusText", "Fire units are on the scene");
        version = moveTo(incidentId, version, "CONTROLLED");
        assertThat(entry(nearby(at, 1000, "en").extract().jsonPath(), incidentId))
                .containsEntry("status", "UNDER_CONTROL").containsEntry("statusText", "The fire is under control");
        moveTo(incidentId, version, "CLOSED");

        assertThat(entry(nearby(at, 1000, null).statusCode(200).extract().jsonPath(), incidentId))
                .as("a closed incident").isNull();
    }

    @Test
    void aFalseAlarmIsNotShown() {
        double[] at = Places.fresh();
        String incidentId = reportAt(at);
        long version = acknowledge(incidentId);
        assertThat(entry(nearby(at, null, null).statusCode(200).extract().jsonPath(), incidentId)).isNotNull();

        Dispatchers.as(Dispatchers.SUPERVISOR)
                .body(Map.of("version", version, "status", "FALSE_ALARM", "reason", "đốt rơm rạ"))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/status").then().statusCode(200);

        assertThat(entry(nearby(at, null, null).statusCode(200).extract().jsonPath(), incidentId))
                .as("a false alarm").isNull();
    }

    @Test
    void anIncidentBeyondTheRadiusIsNotShown() {
        double[] at = Places.fresh();
        String incidentId = reportAt(at);
        acknowledge(incidentId);
        double[] here = Places.north(at, 2000);

        JsonPath within1km = nearby(here, 1000, null).statusCode(200).body("radiusM", equalTo(1000))
                .extract().jsonPath();
        JsonPath within3km = nearby(here, 3000, null).statusCode(200).extract().jsonPath();

        assertThat(entry(within1km, incidentId)).as("2 km away, asked within 1 km").isNull();
        assertThat(entry(within3km, incidentId)).as("2 km away, asked within 3 km").isNotNull()
                .containsEntry("distanceM", 2000);
        assertThat(within3km.getList("incidents.distanceM", Integer.class)).isSorted()
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(3000));
    }

    @ParameterizedTest(name = "radiusM={0}")
    @ValueSource(strings = {"6000", "5001", "99", "1000.5", "far"})
    void aRadiusOutsideOneHundredMetresToFiveKilometresIsRefused(String radiusM) {
        double[] at = Places.fresh();
        given().filter(Contract.RESPONSES).queryParam("lat", at[0]).queryParam("lon", at[1])
                .queryParam("radiusM", radiusM)
                .when().get("/api/v1/incidents/nearby")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors[0].field", equalTo("radiusM"));
    }

    @Test
    void aPointOutsideVietnamIsAnInvalidLocation() {
        nearby(Places.PARIS, null, null).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-location"));
        // Vietnamese islands far out at sea are inside.
        nearby(Places.HOANG_SA, null, null).statusCode(200);
    }

    @Test
    void aMissingOrImpossibleLatitudeIsAnInvalidLocation() {
        given().filter(Contract.RESPONSES).queryParam("lat", "91").queryParam("lon", 105.8)
                .when().get("/api/v1/incidents/nearby")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-location"))
                .body("errors[0].field", equalTo("lat"));
        given().filter(Contract.RESPONSES).queryParam("lon", 105.8)
                .when().get("/api/v1/incidents/nearby")
                .then().statusCode(400).body("errors[0].field", equalTo("lat"));
    }

    static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
    }
}
