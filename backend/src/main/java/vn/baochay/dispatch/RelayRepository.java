package vn.baochay.dispatch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The relay's own SQL: leadership is a PostgreSQL advisory lock held by a connection of its own, which
 * also LISTENs for commits and moves the relay's kept position ({@code relay_position}).
 */
@ApplicationScoped
class RelayRepository {

    /** Advisory lock key of the relay's leadership ("baochay relay"). */
    private static final long LEADER_LOCK = 114_114_001L;

    private final Pool pool;

    RelayRepository(Pool pool) {
        this.pool = pool;
    }

    /** Leadership while it lasts: the connection holding the lock, and where the relay had got to. */
    static final class Lease {
        private final SqlConnection connection;
        private final long position;

        private Lease(SqlConnection connection, long position) {
            this.connection = connection;
            this.position = position;
        }

        long position() {
            return position;
        }

        /** Records that every event up to {@code seq} has been handed to the fan-out. */
        Uni<Void> moveTo(long seq) {
            return connection.preparedQuery(
                            "UPDATE relay_position SET last_seq = $1, moved_at = now() WHERE last_seq < $1")
                    .execute(Tuple.of(seq))
                    .replaceWithVoid();
        }

        /** Gives leadership up: closing the connection releases the lock. */
        void release() {
            connection.closeAndForget();
        }
    }

    /**
     * Becomes the relay if no other connection holds the lock: answers the lease, or null. {@code onCommit}
     * runs when a writer commits an event (NOTIFY), {@code onLost} if the connection drops. Whatever fails
     * after the connection is taken closes it, so neither a connection nor the lock is ever left behind.
     */
    Uni<Lease> tryLead(Runnable onCommit, Runnable onLost) {
        return pool.getConnection().chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(LEADER_LOCK))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(acquired -> acquired
                        ? lease(connection, onCommit, onLost)
                        : connection.close().replaceWith((Lease) null))
                .onFailure().invoke(failure -> connection.closeAndForget()));
    }

    private Uni<Lease> lease(SqlConnection connection, Runnable onCommit, Runnable onLost) {
        PgConnection pg = PgConnection.cast(connection);
        pg.notificationHandler(notification -> onCommit.run());
        pg.closeHandler(onLost);
        return connection.query("LISTEN incident_events").execute()
                .chain(() -> connection.query("SELECT last_seq FROM relay_position").execute())
                .map(rows -> new Lease(connection, rows.iterator().next().getLong(0)));
    }
}
