package vn.baochay.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessReportsTheDatabaseUp() {
        vn.baochay.support.Management.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void metricsCountReportsMergesAndIntakeLatency() {
        double[] fire = Places.fresh();
        Api.submit(Reports.at(fire)).statusCode(201);
        Api.submit(Reports.at(fire)).statusCode(201);

        vn.baochay.support.Management.given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("baochay_reports_received_total{outcome=\"created\"}"))
                .body(containsString("baochay_merge_decisions_total{decision=\"joined\"}"))
                .body(containsString("baochay_merge_decisions_total{decision=\"opened\"}"))
                .body(containsString("baochay_incidents_opened_total"))
                .body(containsString("baochay_report_intake_seconds{quantile=\"0.99\"}"));
    }

    @Test
    void servedOpenApiIsTheCitizenContract() {
        vn.baochay.support.Management.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("paths.'/api/v1/reports'.post.operationId", equalTo("submitReport"))
                .body("paths.'/api/v1/stations/nearest'.get.operationId", equalTo("findNearestStations"))
                .body("paths.'/api/v1/incidents/{incidentId}'.get.operationId", equalTo("getIncident"));
    }
}
