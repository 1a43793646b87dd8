package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/** What the live console and notifications will read: the incident_events log. */
@QuarkusTest
class IncidentEventLogTest {

    @Inject
    AgroalDataSource database;

    @Test
    void everyReportAppendsOneEventInCommitOrderWithoutGaps() throws Exception {
        double[] fire = Places.fresh();
        String incidentId = Api.submit(Reports.at(fire)).statusCode(201).extract().path("incidentId");
        List<CompletableFuture<Void>> more = IntStream.range(0, 30)
                .mapToObj(i -> CompletableFuture.runAsync(() -> Api.submit(Reports.at(Places.north(fire, i))).statusCode(201)))
                .toList();
        CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).join();

        List<String> types = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT type, jsonb_typeof(payload), (payload -> 'incident' ->> 'reportCount')::int,
                            payload -> 'incident' ->> 'id'
                     FROM incident_events WHERE incident_id = ? ORDER BY seq""")) {
            q.setObject(1, UUID.fromString(incidentId));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                    assertThat(rs.getString(2)).isEqualTo("object");
                    assertThat(rs.getString(4)).isEqualTo(incidentId);
                    counts.add(rs.getInt(3));
                }
            }
        }
        assertThat(types).hasSize(31);
        assertThat(types.get(0)).isEqualTo("IncidentOpened");
        assertThat(types.subList(1, 31)).containsOnly("ReportJoined");
        // Sequence order is commit order: the report counts they carry climb 2, 3, ..., 31.
        assertThat(counts.subList(1, 31)).containsExactlyElementsOf(IntStream.rangeClosed(2, 31).boxed().toList());

        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(seq), max(seq), count(*) FROM incident_events")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the log starts at 1").isEqualTo(1);
            assertThat(rs.getLong(2)).as("and has no gaps").isEqualTo(rs.getLong(3));
        }
    }

    @Test
    void theLogCannotBeRewritten() throws Exception {
        Api.submit(Reports.at(Places.fresh())).statusCode(201);
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE incident_events SET type = 'Forged'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM incident_events"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }
}
