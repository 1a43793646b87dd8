package vn.baochay.common;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reactive pool every request uses, with limits so that nothing waits forever: each connection
 * tells PostgreSQL its {@code statement_timeout}, {@code lock_timeout} and
 * {@code idle_in_transaction_session_timeout}; taking a connection waits at most
 * {@code baochay.db.acquire-timeout}; and at most {@code baochay.db.max-wait-queue} requests wait for one.
 * Each of these limits fails the request, which then answers 503 with Retry-After (see Failures).
 *
 * <p>Each connection also plans every execution of a prepared statement with its parameters
 * ({@code plan_cache_mode=force_custom_plan}). The client keeps its statements prepared for the life of the
 * connection, and PostgreSQL's default would, after five executions, keep a generic plan made from the
 * statistics of that moment: on a new database, plans for empty tables. The merge query then scanned every
 * recent incident instead of the few the spatial index finds, and intake slowed as incidents accumulated
 * (from 55 to 38 reports a second within four minutes, where custom plans rose to 220 as the JIT warmed).
 * Planning these statements costs a fraction of a millisecond.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final Duration statementTimeout;
    private final Duration lockTimeout;
    private final Duration idleInTransactionTimeout;
    private final Duration acquireTimeout;
    private final int maxWaitQueue;

    DatabasePool(@ConfigProperty(name = "baochay.db.statement-timeout", defaultValue = "PT10S") Duration statementTimeout,
                 @ConfigProperty(name = "baochay.db.lock-timeout", defaultValue = "PT3S") Duration lockTimeout,
                 @ConfigProperty(name = "baochay.db.idle-in-transaction-timeout", defaultValue = "PT30S")
                 Duration idleInTransactionTimeout,
                 @ConfigProperty(name = "baochay.db.acquire-timeout", defaultValue = "PT10S") Duration acquireTimeout,
                 @ConfigProperty(name = "baochay.db.max-wait-queue", defaultValue = "500") int maxWaitQueue) {
        this.statementTimeout = statementTimeout;
        this.lockTimeout = lockTimeout;
        this.idleInTransactionTimeout = idleInTransactionTimeout;
        this.acquireTimeout = acquireTimeout;
        this.maxWaitQueue = maxWaitQueue;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setMaxWaitQueueSize(maxWaitQueue)
                .setConnectionTimeout((int) acquireTimeout.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        java.util.List<io.vertx.sqlclient.SqlConnectOptions> servers = new java.util.ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            servers.add(configured(options));
        }
        return PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build();
    }

    /** The server-side timeouts and plan mode, as start-up parameters of a connection. */
    PgConnectOptions configured(PgConnectOptions options) {
        return options.addProperty("plan_cache_mode", "force_custom_plan")
                .addProperty("statement_timeout", String.valueOf(statementTimeout.toMillis()))
                .addProperty("lock_timeout", String.valueOf(lockTimeout.toMillis()))
                .addProperty("idle_in_transaction_session_timeout", String.valueOf(idleInTransactionTimeout.toMillis()));
    }
}
