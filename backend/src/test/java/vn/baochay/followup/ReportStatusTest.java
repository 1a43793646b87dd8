package vn.baochay.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Places;
import vn.baochay.support.Reporter;

/** The reporter's own view: what is happening to their report, in their words, cheap to ask again. */
@QuarkusTest
class ReportStatusTest {

    private static Response status(Reporter reporter, String language) {
        return reporter.request().header("Accept-Language", language).get("/api/v1/reports/" + reporter.reportId());
    }

    @Test
    void theReporterFollowsTheirReportFromReceivedToUnitsOnScene() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        status(reporter, "vi").then().statusCode(200).header("Content-Language", "vi")
                .body("status", equalTo("RECEIVED")).body("statusText", equalTo("Tin báo đã được ghi nhận, đang chờ tiếp nhận"))
                .body("unitsOnTheWay", equalTo(0)).body("messageCount", equalTo(0));

        JsonPath detail = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().extract().jsonPath();
        List<String> available = detail.getList("recommendedStations.units.flatten().findAll { it.status == 'AVAILABLE' }.id");
        long version = Dispatchers.as(Dispatchers.DIEN_BIEN)
                .body(Map.of("version", 0, "unitIds", available.subList(0, 2)))
                .post("/api/v1/dispatch/incidents/" + reporter.incidentId() + "/dispatch")
                .then().statusCode(200).extract().jsonPath().getLong("version");

        status(reporter, "en").then().statusCode(200).header("Content-Language", "en")
                .body("status", equalTo("UNITS_ON_THE_WAY")).body("statusText", equalTo("Fire units are on their way"))
                .body("unitsOnTheWay", equalTo(2)).body("unitsOnScene", equalTo(0));

        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("status", "ON_SCENE"))
                .post("/api/v1/dispatch/units/" + available.get(0) + "/status").then().statusCode(200);
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("version", version, "status", "ON_SCENE"))
                .post("/api/v1/dispatch/incidents/" + reporter.incidentId() + "/status").then().statusCode(200);
        status(reporter, "vi").then().body("status", equalTo("UNITS_ON_SCENE"))
                .body("unitsOnScene", equalTo(1)).body("unitsOnTheWay", equalTo(1));
    }

    @Test
    void askingAgainAnswers304UntilSomethingChanges() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        Response first = status(reporter, "vi");
        String etag = first.header("ETag");

        reporter.request().header("If-None-Match", etag).get("/api/v1/reports/" + reporter.reportId())
                .then().statusCode(304);
        reporter.request().contentType("application/json")
                .body(Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "Có cần sơ tán không?"))
                .post("/api/v1/reports/" + reporter.reportId() + "/messages").then().statusCode(201);
        JsonPath now = reporter.request().header("If-None-Match", etag).get("/api/v1/reports/" + reporter.reportId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(now.getInt("messageCount")).isEqualTo(1);
        assertThat(now.getLong("lastMessageSeq")).isPositive();
    }

    @Test
    void withoutTheReportsTokenThereIsNothingToSee() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        new Reporter(reporter.reportId(), reporter.incidentId(), "").request().get("/api/v1/reports/" + reporter.reportId())
                .then().statusCode(401).contentType("application/problem+json");
        new Reporter(reporter.reportId(), reporter.incidentId(), Reporter.at(Places.inDienBien()).token()).request()
                .get("/api/v1/reports/" + reporter.reportId()).then().statusCode(401);
    }
}
