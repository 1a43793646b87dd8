package vn.baochay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

@QuarkusTest
class ReportIntakeTest {

    @Test
    void acceptedReportOpensAnIncidentAndNamesTheNearestStations() {
        Map<String, Object> report = Reports.with(Reports.at(Places.DIEN_BIEN_PHU), "description",
                "Cháy chợ trung tâm, khói đen <b>rất lớn</b>");

        JsonPath accepted = Api.submit(report)
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("clientReportId", equalTo(report.get("clientReportId")))
                .body("reportId", notNullValue())
                .body("status", equalTo("NEW"))
                .body("reportCount", equalTo(1))
                .body("joinedExistingIncident", equalTo(false))
                .body("receivedAt", notNullValue())
                .body("nearestStations", hasSize(3))
                .extract().jsonPath();

        List<Integer> distances = accepted.getList("nearestStations.distanceM", Integer.class);
        assertThat(distances).isSorted();
        assertThat(distances.get(0)).as("a station in Điện Biên Phủ itself").isLessThan(5_000);
        assertThat(accepted.getString("nearestStations[0].id")).startsWith("dien-bien");
        assertThat(accepted.getString("nearestStations[0].phone")).isNotBlank();

        String incidentId = accepted.getString("incidentId");
        Api.incident(incidentId)
                .statusCode(200)
                .body("id", equalTo(incidentId))
                .body("kind", equalTo("FIRE"))
                .body("status", equalTo("NEW"))
                .body("reportCount", equalTo(1));
        stored(incidentId)
                .body("reports", hasSize(1))
                .body("reports[0].id", equalTo(accepted.getString("reportId")))
                .body("reports[0].description", equalTo("Cháy chợ trung tâm, khói đen <b>rất lớn</b>"))
                .body("reports[0].location.accuracyM", equalTo(20.0f));
    }

    /** The incident as a supervisor sees it, with every report as stored. */
    private static io.restassured.response.ValidatableResponse stored(String incidentId) {
        return vn.baochay.support.Dispatchers.as(vn.baochay.support.Dispatchers.SUPERVISOR)
                .get("/api/v1/dispatch/incidents/" + incidentId).then().statusCode(200);
    }

    @Test
    void theCitizenViewShowsNoReportAndOnlyARoundedPosition() {
        double[] base = Places.fresh();
        double[] here = {base[0] + 0.000_444, base[1] + 0.000_777};
        Map<String, Object> report = Reports.with(Reports.at(here), "description", "nhà tôi, số 12 ngõ 3");
        String incidentId = Api.submit(report).statusCode(201).extract().path("incidentId");

        var view = Api.incident(incidentId).statusCode(200).extract().jsonPath();

        assertThat(view.getMap("")).doesNotContainKey("reports");
        assertThat(view.getDouble("location.lat")).isEqualTo(Math.round(here[0] * 1000) / 1000.0);
        assertThat(view.getDouble("location.lon")).isEqualTo(Math.round(here[1] * 1000) / 1000.0);
        assertThat(view.prettify()).doesNotContain("số 12").doesNotContain("accuracyM").doesNotContain("phone");
    }

    @Test
    void minimalReportIsAFireWithUnknownAccuracy() {
        double[] here = Places.fresh();
        Map<String, Object> report = Reports.with(Reports.with(Reports.at(here), "kind", null), "location.accuracyM", null);

        String incidentId = Api.submit(report).statusCode(201).extract().path("incidentId");

        Api.incident(incidentId).statusCode(200).body("kind", equalTo("FIRE"));
        stored(incidentId)
                .body("reports[0].location.lat", equalTo((float) here[0]))
                .body("reports[0].location.accuracyM", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void retryWithSamePayloadReturnsSameReport() {
        Map<String, Object> report = Reports.with(Reports.at(Places.fresh()), "observedAt", "2026-11-23T17:05:00+07:00");

        String first = Api.submit(report).statusCode(201).extract().asString();
        String again = Api.submit(report).statusCode(200).extract().asString();
        // The same instant written in another offset is the same report.
        String sameInstant = Api.submit(Reports.with(report, "observedAt", "2026-11-23T10:05:00Z"))
                .statusCode(200).extract().asString();

        assertThat(again).isEqualTo(first);
        assertThat(sameInstant).isEqualTo(first);
        String incidentId = JsonPath.from(first).getString("incidentId");
        Api.incident(incidentId).statusCode(200).body("reportCount", equalTo(1));
        stored(incidentId).body("reports", hasSize(1));
    }

    @Test
    void retryWithDifferentPayloadIsRefusedAndChangesNothing() {
        Map<String, Object> report = Reports.at(Places.fresh());
        String incidentId = Api.submit(report).statusCode(201).extract().path("incidentId");

        Api.submit(Reports.with(report, "description", "something else"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/idempotency-conflict"))
                .body("status", equalTo(409))
                .body("detail", org.hamcrest.Matchers.containsString((String) report.get("clientReportId")));

        Api.incident(incidentId).statusCode(200).body("reportCount", equalTo(1));
        stored(incidentId).body("reports[0].description", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void unknownIncidentIsNotFound() {
        Api.incident("6f1c1f4e-9a51-4d1b-8e22-000000000000")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/not-found"));
    }

    @Test
    void incidentIdThatIsNotAUuidIsABadRequest() {
        Api.incident("not-a-uuid")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/invalid-request"))
                .body("errors[0].field", equalTo("incidentId"));
    }

    @Test
    void citizenViewOfAnIncidentDoesNotRevealOtherReporters() {
        Map<String, Object> report = Reports.with(Reports.with(Reports.at(Places.fresh()),
                "reporter.phone", "+84 912 345 678"), "reporter.name", "Lò Văn A");
        String incidentId = Api.submit(report).statusCode(201).extract().path("incidentId");

        String body = Api.incident(incidentId).statusCode(200).extract().asString();

        assertThat(body).doesNotContain("912").doesNotContain("Lò Văn A");
    }
}
