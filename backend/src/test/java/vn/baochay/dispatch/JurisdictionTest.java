package vn.baochay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * Province lines: what a dispatcher may send, what a refusal may say, and an incident's province,
 * which its first report decides and only a supervisor changes.
 */
@QuarkusTest
class JurisdictionTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    private static JsonPath detail(String user, String incidentId) {
        return Dispatchers.as(user).get("/api/v1/dispatch/incidents/" + incidentId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** An AVAILABLE unit of a station in {@code province}, from the unit board. */
    private static String availableUnitIn(String province) {
        return Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/units").then().statusCode(200)
                .extract().jsonPath().getString("find { it.province == '" + province + "' && it.status == 'AVAILABLE' }.id");
    }

    @Test
    void aDispatcherCannotSendAFarProvincesUnitAndTheRefusalSaysNothingOfItsState() {
        String incidentId = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");
        String hanoiUnit = availableUnitIn("Hà Nội");

        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("version", 0, "unitIds", List.of(hanoiUnit)))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/dispatch")
                .then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "out-of-jurisdiction"))
                .body("detail", not(containsString("AVAILABLE")));

        assertThat(detail(Dispatchers.DIEN_BIEN, incidentId).getList("assignments")).isEmpty();
        assertThat(availableUnitIn("Hà Nội")).isEqualTo(hanoiUnit);
    }

    @Test
    void aDispatcherSendsARecommendedStationsUnitAcrossTheBorderAndASupervisorAnyUnit() {
        // In Lào Cai, west of Sa Pa: the nearest station is Lai Châu's, outside the Lào Cai dispatcher's provinces.
        String incidentId = Api.submit(Reports.at(22.45, 103.60)).statusCode(201).extract().path("incidentId");
        JsonPath incident = detail(Dispatchers.LAO_CAI, incidentId);
        assertThat(incident.getString("province")).isEqualTo("Lào Cai");
        String across = incident.getString("recommendedStations.find { it.province == 'Lai Châu' }"
                + ".units.find { it.status == 'AVAILABLE' }.id");
        assertThat(across).as("a recommended unit across the border").isNotNull();

        Dispatchers.as(Dispatchers.LAO_CAI).body(Map.of("version", 0, "unitIds", List.of(across)))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/dispatch").then().statusCode(200)
                .body("status", equalTo("DISPATCHED"));

        String far = availableUnitIn("Hà Nội");
        Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 1, "unitIds", List.of(far)))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/dispatch").then().statusCode(200);
    }

    @Test
    void reportsAcrossABorderDoNotMoveTheIncidentToAnotherProvince() {
        // The Điện Biên - Lai Châu line crosses 103.10 E at about 22.1033 N.
        String incidentId = Api.submit(Reports.with(Reports.at(22.1020, 103.10), "location.accuracyM", 50))
                .statusCode(201).extract().path("incidentId");
        for (int i = 0; i < 6; i++) {
            String joined = Api.submit(Reports.with(Reports.at(22.1045, 103.10), "location.accuracyM", 5))
                    .statusCode(201).extract().path("incidentId");
            assertThat(joined).isEqualTo(incidentId);
        }

        JsonPath incident = detail(Dispatchers.SUPERVISOR, incidentId);

        assertThat(incident.getDouble("location.lat")).as("refined across the line").isGreaterThan(22.1035);
        assertThat(incident.getString("province")).isEqualTo("Điện Biên");
    }

    @Test
    void aSupervisorGivesAnIncidentToAnotherProvinceAndADispatcherCannot() {
        String incidentId = Api.submit(Reports.at(Places.inDienBien())).statusCode(201).extract().path("incidentId");

        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("version", 0, "province", "Lào Cai"))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/province")
                .then().statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"));
        Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 0, "province", "Atlantis"))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/province")
                .then().statusCode(400).body("errors[0].field", equalTo("province"));
        assertThat(detail(Dispatchers.SUPERVISOR, incidentId).getString("province")).isEqualTo("Điện Biên");

        Dispatchers.as(Dispatchers.SUPERVISOR)
                .body(Map.of("version", 0, "province", "Lào Cai", "reason", "Báo nhầm tỉnh"))
                .post("/api/v1/dispatch/incidents/" + incidentId + "/province")
                .then().statusCode(200).body("province", equalTo("Lào Cai")).body("version", equalTo(1));

        JsonPath moved = detail(Dispatchers.LAO_CAI, incidentId);
        assertThat(moved.getString("timeline.find { it.type == 'ProvinceReassigned' }.to")).isEqualTo("Lào Cai");
        assertThat(moved.getString("timeline.find { it.type == 'ProvinceReassigned' }.from")).isEqualTo("Điện Biên");
        Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + incidentId).then().statusCode(403);
    }

    @Test
    void theCountsTellTheTruthWhateverTheSnapshotCarried() {
        Api.submit(Reports.at(Places.inDienBien())).statusCode(201);

        JsonPath counts = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/counts")
                .then().statusCode(200).extract().jsonPath();

        assertThat(counts.getLong("new")).isPositive();
        assertThat(counts.getLong("open")).isGreaterThanOrEqualTo(counts.getLong("new"));
        assertThat(counts.getLong("byStatus.NEW")).isEqualTo(counts.getLong("new"));
    }
}
