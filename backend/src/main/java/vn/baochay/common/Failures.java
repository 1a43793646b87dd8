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
            if (t instanceof io.vertx.pgclient.PgException pg && RETRYABLE.contains(pg.getSqlState())) {
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

    /** The database (or another backing service) cannot be reached at all, or not right now. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                    || NOT_NOW.contains(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
