package vn.baochay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.FromAddress;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * A phone on 2G often loses its connection while its report is being taken. Once the whole report has
 * arrived, the server takes it to the end anyway: it is stored for the dispatchers even if the phone never
 * comes back, and the phone's retry, when it comes, gets the same report back.
 */
@QuarkusTest
class DroppedConnectionTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aReportWhosePhoneHungUpMidwayIsStillStoredAndItsRetryGetsItBack() throws Exception {
        Map<String, Object> report = Reports.at(Places.fresh());
        String clientReportId = String.valueOf(report.get("clientReportId"));
        try (Connection db = database.getConnection()) {
            // The report's own lock (ReceiptRepository#lock) held here, so that its intake is still running
            // when the phone hangs up.
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 114))")) {
                lock.setString(1, "report:" + clientReportId);
                lock.execute();
            }
            FromAddress.of("127.0.0.1").postJsonAndHangUp("/api/v1/reports", new ObjectMapper().writeValueAsString(report),
                    Duration.ofMillis(400));
            Thread.sleep(300);
            db.commit();
        }

        assertThat(awaitStored(clientReportId, Duration.ofSeconds(5))).as("stored without anyone waiting for it").isTrue();
        Api.submit(report).statusCode(200);
    }

    private boolean awaitStored(String clientReportId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = database.getConnection();
                 PreparedStatement q = c.prepareStatement("SELECT count(*) FROM reports WHERE client_report_key = "
                         + "sha256(convert_to('baochay:client-report:' || ?, 'UTF8'))")) {
                q.setString(1, clientReportId);
                try (var rows = q.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 1) {
                        return true;
                    }
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
