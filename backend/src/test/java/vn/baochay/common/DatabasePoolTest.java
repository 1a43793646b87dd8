package vn.baochay.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every connection of the request pool tells PostgreSQL. A pooled connection keeps its prepared statements
 * for its whole life; with PostgreSQL's default plan mode it would keep plans made from the statistics of when it
 * opened (on a new database, of empty tables), and intake would slow down as incidents accumulate.
 */
@QuarkusTest
class DatabasePoolTest {

    @Inject
    Pool pool;

    @Test
    void everyConnectionPlansEachExecutionWithItsParametersAndHasItsTimeouts() {
        Row row = pool.query("SELECT current_setting('plan_cache_mode'), current_setting('statement_timeout'),"
                        + " current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout')")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();

        assertThat(row.getString(0)).isEqualTo("force_custom_plan");
        assertThat(row.getString(1)).isEqualTo("10s");
        assertThat(row.getString(2)).isEqualTo("1s");
        assertThat(row.getString(3)).isEqualTo("30s");
    }
}
