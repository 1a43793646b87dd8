package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Followers of the log (the live relay, the push relay): each keeps its position in
 * {@code log_positions}, and one instance at a time follows, holding a PostgreSQL advisory lock on a
 * connection of its own that also LISTENs for commits. That connection is opened apart from the pool,
 * on purpose: a pooled one, given back, would keep the lock for whoever used it next; closing this
 * one ends its session, and the lock with it.
 */
@ApplicationScoped
class LogFollowerRepository {

    private final Vertx vertx;
    private final PgConnectOptions options;

    LogFollowerRepository(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setReconnectAttempts(0);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    /** Leadership while it lasts: the connection holding the lock, and where the follower had got to. */
    static final class Held implements IncidentLog.Lease {
        private final SqlConnection connection;
        private final String follower;
        private final long position;

        private Held(SqlConnection connection, String follower, long position) {
            this.connection = connection;
            this.follower = follower;
            this.position = position;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public Uni<Void> moveTo(long seq) {
            return connection.preparedQuery(
                            "UPDATE log_positions SET last_seq = $2, moved_at = now() WHERE name = $1 AND last_seq < $2")
                    .execute(Tuple.of(follower, seq))
                    .replaceWithVoid();
        }

        @Override
        public void release() {
            connection.closeAndForget();
        }
    }

    /**
     * Becomes the follower if no other connection holds its lock: answers the lease, or null. {@code onCommit}
     * runs when a writer commits an event (NOTIFY), {@code onLost} if the connection drops. Whatever fails
     * after the connection is taken closes it, so neither a connection nor the lock is ever left behind.
     */
    Uni<IncidentLog.Lease> tryLead(String follower, long lockKey, Runnable onCommit, Runnable onLost) {
        return PgConnection.connect(vertx, options).chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(lockKey))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(acquired -> acquired
                        ? lease(connection, follower, onCommit, onLost)
                        : connection.close().replaceWith((IncidentLog.Lease) null))
                .onFailure().invoke(failure -> connection.closeAndForget()));
    }

    private Uni<IncidentLog.Lease> lease(PgConnection connection, String follower, Runnable onCommit,
                                         Runnable onLost) {
        connection.notificationHandler(notification -> onCommit.run());
        connection.closeHandler(onLost);
        return connection.query("LISTEN incident_events").execute()
                .chain(() -> connection.preparedQuery("SELECT last_seq FROM log_positions WHERE name = $1")
                        .execute(Tuple.of(follower)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new IllegalStateException("No position kept for log follower " + follower);
                    }
                    return new Held(connection, follower, rows.iterator().next().getLong(0));
                });
    }
}
