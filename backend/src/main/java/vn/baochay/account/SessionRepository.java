package vn.baochay.account;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Sessions, their refresh tokens, used live tickets, log-in attempts and known addresses. On the
 * pool: the checks also run from timers (the live sockets' sweep), outside any request.
 *
 * <p>Longer than most classes: sessions, rotating refresh tokens, live tickets and failed log-ins are one
 * lifecycle on tables that are only ever read together.
 */
@ApplicationScoped
class SessionRepository {

    private final Pool pool;

    SessionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A session as the per-call check needs it: its account's current state included. */
    record State(UUID session, String username, String displayName, Role role, List<String> provinces,
                 boolean accountActive, Instant expiresAt, Instant revokedAt) {

        boolean valid(Instant now) {
            return accountActive && revokedAt == null && expiresAt.isAfter(now);
        }
    }

    Uni<State> state(UUID session) {
        return pool.preparedQuery("""
                        SELECT s.id, d.username, d.display_name, d.role, d.provinces, d.active, s.expires_at, s.revoked_at
                        FROM dispatcher_sessions s JOIN dispatchers d ON d.username = s.username
                        WHERE s.id = $1
                        """)
                .execute(Tuple.of(session))
                .map(rows -> rows.iterator().hasNext() ? state(rows.iterator().next()) : null);
    }

    Uni<Void> open(UUID session, String username, Instant now, Instant expires, String address, byte[] refreshHash,
                   Instant refreshExpires) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO dispatcher_sessions (id, username, created_at, expires_at, address)
                        VALUES ($1, $2, $3, $4, $5)
                        """).execute(Tuple.of(session, username, at(now), at(expires), address))
                .chain(() -> insertRefresh(connection, refreshHash, session, now, refreshExpires))
                .chain(() -> connection.preparedQuery("""
                        INSERT INTO dispatcher_addresses (username, address, last_login_at) VALUES ($1, $2, $3)
                        ON CONFLICT (username, address) DO UPDATE SET last_login_at = excluded.last_login_at
                        """).execute(Tuple.of(username, address == null ? "" : address, at(now))))
                .replaceWithVoid());
    }

    /** What presenting a refresh token found. */
    enum Refresh { ROTATED, REUSED, UNKNOWN }

    record Rotation(Refresh outcome, UUID session) {
    }

    /**
     * Uses a refresh token once, issuing its successor, in one transaction. A token used before means
     * a copy is in someone else's hands: the whole session is revoked.
     */
    Uni<Rotation> rotate(byte[] presented, byte[] next, Instant now, Instant nextExpires) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        SELECT t.session_id, t.used_at, t.expires_at, s.revoked_at, s.expires_at
                        FROM refresh_tokens t JOIN dispatcher_sessions s ON s.id = t.session_id
                        WHERE t.token_hash = $1 FOR UPDATE OF t
                        """).execute(Tuple.of(Buffer.buffer(presented)))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(new Rotation(Refresh.UNKNOWN, null));
                    }
                    Row row = rows.iterator().next();
                    UUID session = row.getUUID(0);
                    if (row.getValue(1) != null) {
                        return revoke(connection, session, "REFRESH_REUSED", now)
                                .replaceWith(new Rotation(Refresh.REUSED, session));
                    }
                    boolean usable = row.getOffsetDateTime(2).toInstant().isAfter(now) && row.getValue(3) == null
                            && row.getOffsetDateTime(4).toInstant().isAfter(now);
                    if (!usable) {
                        return Uni.createFrom().item(new Rotation(Refresh.UNKNOWN, session));
                    }
                    return connection.preparedQuery("UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1")
                            .execute(Tuple.of(Buffer.buffer(presented), at(now)))
                            .chain(() -> insertRefresh(connection, next, session, now, nextExpires))
                            .replaceWith(new Rotation(Refresh.ROTATED, session));
                }));
    }

    record Owner(UUID session, String username) {
    }

    /** The session (and its account) a refresh token belongs to, used or not; null for an unknown token. */
    Uni<Owner> sessionOf(byte[] refreshHash) {
        return pool.preparedQuery("""
                        SELECT s.id, s.username FROM refresh_tokens t JOIN dispatcher_sessions s ON s.id = t.session_id
                        WHERE t.token_hash = $1
                        """)
                .execute(Tuple.of(Buffer.buffer(refreshHash)))
                .map(rows -> rows.iterator().hasNext()
                        ? new Owner(rows.iterator().next().getUUID(0), rows.iterator().next().getString(1)) : null);
    }

    Uni<Boolean> revoke(UUID session, String reason, Instant now) {
        return pool.withConnection(connection -> revoke(connection, session, reason, now));
    }

    /** Revokes every live session of an account (deactivated, or changed by an administrator). */
    Uni<List<UUID>> revokeAll(String username, String reason, Instant now) {
        return pool.preparedQuery("""
                        UPDATE dispatcher_sessions SET revoked_at = $2, revoked_reason = $3
                        WHERE username = $1 AND revoked_at IS NULL RETURNING id
                        """)
                .execute(Tuple.of(username, at(now), reason))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }

    /** Marks a live ticket used; false when it already was (a replay). */
    Uni<Boolean> useTicket(UUID jti, Instant expires) {
        return pool.preparedQuery("INSERT INTO live_tickets_used (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(jti, at(expires)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Counts one more attempt on {@code key} in the window that is current at {@code now} (a window
     * older than {@code window} starts again at one), atomically: answers the count and when the
     * window started.
     */
    Uni<Attempts> attempt(String key, Instant now, java.time.Duration window) {
        return pool.preparedQuery("""
                        INSERT INTO login_attempts AS a (key, attempts, window_start) VALUES ($1, 1, $2)
                        ON CONFLICT (key) DO UPDATE SET
                            attempts = CASE WHEN a.window_start <= $2::timestamptz - make_interval(secs => $3) THEN 1
                                            ELSE a.attempts + 1 END,
                            window_start = CASE WHEN a.window_start <= $2::timestamptz - make_interval(secs => $3) THEN $2
                                                ELSE a.window_start END
                        RETURNING attempts, window_start
                        """)
                .execute(Tuple.of(key, at(now), (double) window.toSeconds()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Attempts(row.getInteger(0), row.getOffsetDateTime(1).toInstant());
                });
    }

    record Attempts(int count, Instant windowStart) {
    }

    Uni<Void> forgetAttempts(String key) {
        return pool.preparedQuery("DELETE FROM login_attempts WHERE key = $1").execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Takes back one counted attempt (it succeeded). */
    Uni<Void> forgiveAttempt(String key) {
        return pool.preparedQuery("UPDATE login_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = $1")
                .execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Whether the dispatcher has logged in from this address before. */
    Uni<Boolean> knownAddress(String username, String address) {
        return pool.preparedQuery("SELECT 1 FROM dispatcher_addresses WHERE username = $1 AND address = $2")
                .execute(Tuple.of(username, address == null ? "" : address))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Drops what has expired: attempt windows, used tickets, ended sessions' refresh tokens. */
    Uni<Void> purge(Instant now, java.time.Duration attemptWindow) {
        return pool.preparedQuery("DELETE FROM login_attempts WHERE window_start < $1::timestamptz - make_interval(secs => $2)")
                .execute(Tuple.of(at(now), (double) attemptWindow.toSeconds()))
                .chain(() -> pool.preparedQuery("DELETE FROM live_tickets_used WHERE expires_at < $1")
                        .execute(Tuple.of(at(now))))
                .chain(() -> pool.preparedQuery("""
                        DELETE FROM refresh_tokens t USING dispatcher_sessions s
                        WHERE s.id = t.session_id AND (s.expires_at < $1 OR s.revoked_at < $1::timestamptz - interval '1 day')
                        """).execute(Tuple.of(at(now))))
                .replaceWithVoid();
    }

    private static Uni<Boolean> revoke(SqlConnection connection, UUID session, String reason, Instant now) {
        return connection.preparedQuery("""
                        UPDATE dispatcher_sessions SET revoked_at = $2, revoked_reason = $3
                        WHERE id = $1 AND revoked_at IS NULL
                        """)
                .execute(Tuple.of(session, at(now), reason))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Uni<Void> insertRefresh(SqlConnection connection, byte[] hash, UUID session, Instant now,
                                           Instant expires) {
        return connection.preparedQuery("""
                        INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)
                        """)
                .execute(Tuple.of(Buffer.buffer(hash), session, at(now), at(expires)))
                .replaceWithVoid();
    }

    private static State state(Row row) {
        String[] provinces = row.getArrayOfStrings(4);
        OffsetDateTime revoked = row.getOffsetDateTime(7);
        return new State(row.getUUID(0), row.getString(1), row.getString(2), Role.valueOf(row.getString(3)),
                provinces == null ? List.of() : Arrays.asList(provinces), row.getBoolean(5),
                row.getOffsetDateTime(6).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
