package vn.baochay.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * What every connection of the request pool tells PostgreSQL, and what the intake's transaction adds. A pooled
 * connection keeps its prepared statements for its whole life; with PostgreSQL's default plan mode the merge
 * query would keep a plan made from the statistics of when it was first run (on a new database, of empty
 * tables), so the intake's transaction plans each execution with its parameters, and nothing else pays for it.
 */
@QuarkusTest
class DatabasePoolTest {

    private static final String SETTINGS = "SELECT current_setting('plan_cache_mode'), current_setting('statement_timeout'),"
            + " current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout')";

    @Inject
    Pool pool;

    @Inject
    Transactions transactions;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void everyConnectionHasItsTimeoutsAndPostgresqlsDefaultPlanMode() {
        Row row = pool.query(SETTINGS).execute().await().atMost(Duration.ofSeconds(10)).iterator().next();

        assertThat(row.getString(0)).isEqualTo("auto");
        assertThat(row.getString(1)).isEqualTo("10s");
        assertThat(row.getString(2)).isEqualTo("1s");
        assertThat(row.getString(3)).isEqualTo("30s");
    }

    @Test
    void theIntakesTransactionPlansEachExecutionAndWaitsLongerForLocksThenTheConnectionIsAsBefore() {
        Object[] inside = transactions.inQueueingTransaction(Duration.ofSeconds(8), () -> sessions.withSession(
                        session -> session.createNativeQuery(SETTINGS, Object[].class).getSingleResult()))
                .await().atMost(Duration.ofSeconds(10));
        Object[] after = transactions.inTransaction(() -> sessions.withSession(
                        session -> session.createNativeQuery(SETTINGS, Object[].class).getSingleResult()))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(inside[0]).isEqualTo("force_custom_plan");
        assertThat(inside[2]).isEqualTo("8s");
        assertThat(after[0]).isEqualTo("auto");
        assertThat(after[2]).isEqualTo("1s");
    }
}
