package vn.baochay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/** The reporter's capability: a secret only the phone knows, the same on every retry, never kept in the clear. */
@QuarkusTest
class ReportTokenTest {

    @Inject
    AgroalDataSource database;

    @Test
    void acceptanceAndItsReplayCarryTheSameUnguessableToken() {
        Map<String, Object> report = Reports.at(Places.fresh());

        String first = Api.submit(report).statusCode(201).extract().path("reportToken");
        String replay = Api.submit(report).statusCode(200).extract().path("reportToken");
        String another = Api.submit(Reports.at(Places.fresh())).statusCode(201).extract().path("reportToken");

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(replay).isEqualTo(first);
        assertThat(another).isNotEqualTo(first);
    }

    @Test
    void neitherTheTokenNorTheClientReportIdIsStoredInTheClear() throws Exception {
        Map<String, Object> report = Reports.with(Reports.at(Places.fresh()), "description", "Cháy kho gỗ");
        JsonPath accepted = Api.submit(report).statusCode(201).extract().jsonPath();
        String token = accepted.getString("reportToken");
        String clientReportId = (String) report.get("clientReportId");

        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("""
                     SELECT r::text FROM report_receipts r UNION ALL SELECT p::text FROM reports p
                     UNION ALL SELECT e.payload::text FROM incident_events e""")) {
            int seen = 0;
            while (rows.next()) {
                String row = rows.getString(1);
                assertThat(row).doesNotContain(token).doesNotContain(clientReportId);
                seen++;
            }
            assertThat(seen).isGreaterThan(2);
        }
    }
}
