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
 * <p>Prepared statements are planned in PostgreSQL's default mode ({@code plan_cache_mode=auto}): after five
 * executions a statement keeps a generic plan when it is no dearer than planning each execution, and an
 * {@code ANALYZE} of its tables (autovacuum's) makes it plan again. Only the intake's transaction plans every
 * execution with its parameters ({@link Transactions#inQueueingTransaction}).
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

    /** The server-side timeouts, as start-up parameters of a connection. */
    PgConnectOptions configured(PgConnectOptions options) {
        return options.addProperty("statement_timeout", String.valueOf(statementTimeout.toMillis()))
                .addProperty("lock_timeout", String.valueOf(lockTimeout.toMillis()))
                .addProperty("idle_in_transaction_session_timeout", String.valueOf(idleInTransactionTimeout.toMillis()));
    }
}
