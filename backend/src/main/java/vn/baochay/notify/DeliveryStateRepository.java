package vn.baochay.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The fate of planned notifications, the same for reporters' news ({@code push_deliveries}, keyed by
 * event and device) and for alerts ({@code alert_deliveries}, keyed by event and target): sent,
 * failed, due again later, or interrupted by a crash. Each delivery repository holds one for its table.
 */
final class DeliveryStateRepository {

    private final Pool pool;
    private final String table;
    private final String key;

    /** {@code table} and {@code key} (its second key column) are constants of the caller, never input. */
    DeliveryStateRepository(Pool pool, String table, String key) {
        this.pool = pool;
        this.table = table;
        this.key = key;
    }

    /**
     * Sends interrupted by a crash are due again. Whether FCM took them is unknown; a resent one carries
     * the same notification tag, so the phone shows it once.
     */
    Uni<Integer> resumeInterrupted() {
        return pool.query("UPDATE " + table + " SET state = 'PENDING' WHERE state = 'SENDING'").execute()
                .map(rows -> rows.rowCount());
    }

    Uni<Void> finish(long eventSeq, Object keyValue, String state, String error, Instant sentAt) {
        return pool.preparedQuery("UPDATE " + table + " SET state = $3, last_error = $4, sent_at = $5"
                        + " WHERE event_seq = $1 AND " + key + " = $2")
                .execute(Tuple.of(eventSeq, keyValue, state, error, sentAt == null ? null : sentAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    Uni<Void> retryAt(long eventSeq, Object keyValue, Instant next, String error) {
        return pool.preparedQuery("UPDATE " + table + " SET state = 'PENDING', next_attempt_at = $3, last_error = $4"
                        + " WHERE event_seq = $1 AND " + key + " = $2")
                .execute(Tuple.of(eventSeq, keyValue, next.atOffset(ZoneOffset.UTC), error))
                .replaceWithVoid();
    }

    /** The device's token is dead: it goes (until the app sends a new one), unless it changed meanwhile. */
    Uni<Void> forgetToken(UUID deviceId, String fcmToken) {
        return pool.preparedQuery("UPDATE devices SET fcm_token = NULL WHERE id = $1 AND fcm_token = $2")
                .execute(Tuple.of(deviceId, fcmToken))
                .replaceWithVoid();
    }
}
