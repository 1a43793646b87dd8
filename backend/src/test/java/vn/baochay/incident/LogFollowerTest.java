package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * The log's followers (the live relay, the push relay) each lead on a connection of their own that
 * holds an advisory lock. When that connection dies, the lock goes with it, a follower takes the lead
 * again, and nothing is missed or left holding a lock.
 */
@QuarkusTest
class LogFollowerTest {

    @Inject
    AgroalDataSource database;

    private Set<Integer> lockHolders() throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("""
                     SELECT DISTINCT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                     WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()
                     """)) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        }
        return pids;
    }

    @Test
    void aFollowerWhoseConnectionDiesIsReplacedAndTheConsoleMissesNothing() throws Exception {
        try (LiveClient console = LiveClient.connect(Dispatchers.SUPERVISOR, null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));
            Set<Integer> before = lockHolders();
            assertThat(before).as("the followers' connections").isNotEmpty();

            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                for (int pid : before) {
                    s.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
            }
            String incidentId = Api.submit(Reports.at(Places.fresh())).statusCode(201).extract().path("incidentId");

            console.await(LiveClient.event("IncidentOpened", incidentId), Duration.ofSeconds(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Set<Integer> after = lockHolders();
            while ((after.size() != before.size() || after.stream().anyMatch(before::contains))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = lockHolders();
            }
            assertThat(after).as("as many leaders as before, none of them the dead connections")
                    .hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
        }
    }
}
