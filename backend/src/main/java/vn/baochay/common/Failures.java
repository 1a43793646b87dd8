package vn.baochay.common;

import java.net.ConnectException;
import java.util.Set;

/** Classifies failures that come from the database so callers can retry or report unavailability. */
public final class Failures {

    /** SQLSTATEs after which the whole transaction may simply be run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    private Failures() {
    }

    /** Serialization failure or deadlock: PostgreSQL rolled the transaction back and it can be retried. */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = sqlState(t);
            if (state != null && RETRYABLE.contains(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs that mean "not now" rather than "never": a statement or lock wait that timed out
     * (57014, 55P03), and a write that reached a server that is no longer the primary (25006, during
     * a failover). Retrying the same request shortly is the right answer to each.
     */
    private static final Set<String> NOT_NOW = Set.of("57014", "55P03", "25006");

    /**
     * The database (or another backing service) cannot be reached at all, or not right now: also a
     * full wait queue or an acquire timeout of the pool (see DatabasePool).
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            // The pool's acquire timeout (baochay.db.acquire-timeout), known only by its class and message.
            if ((t instanceof io.vertx.core.VertxException && "Timeout waiting for connection".equals(t.getMessage()))
                    || (t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")
                    && "Timeout".equals(t.getMessage()))) {
                return true;
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("08") || state.startsWith("57P") || NOT_NOW.contains(state))) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of a failure from the reactive client or from JDBC (as Hibernate wraps it), else null. */
    private static String sqlState(Throwable t) {
        if (t instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
