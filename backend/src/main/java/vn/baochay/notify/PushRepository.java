package vn.baochay.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The push relay's deliveries ({@code push_deliveries}): at most one row per (event, device), planned
 * before anything is sent, then sent, retried, given up or pruned. Run from timers, outside requests,
 * so on the pool.
 */
@ApplicationScoped
class PushRepository {

    /** A delivery due to be sent, with what sending it needs. {@code fcmToken} null: the token is dead. */
    record Due(long eventSeq, UUID deviceId, PushKind kind, UUID incidentId, UUID reportId, int attempts,
               String fcmToken, Device.Platform platform, String language) {
    }

    private final Pool pool;
    private final DeliveryStateRepository states;

    PushRepository(Pool pool) {
        this.pool = pool;
        this.states = new DeliveryStateRepository(pool, "push_deliveries", "device_id");
    }

    /**
     * Plans {@code kind} for the devices of the incident's reports (only {@code reportId}'s when given).
     * Planning the same event again adds nothing: the (event, device) key is the at-most-once.
     */
    Uni<Integer> plan(long eventSeq, PushKind kind, UUID incidentId, UUID reportId, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO push_deliveries (event_seq, device_id, kind, incident_id, report_id, state,
                                                     next_attempt_at)
                        SELECT DISTINCT ON (rd.device_id) $1, rd.device_id, $2, r.incident_id, r.id, 'PENDING', $5
                        FROM reports r JOIN report_devices rd ON rd.report_id = r.id
                        WHERE r.incident_id = $3 AND ($4::uuid IS NULL OR r.id = $4)
                        ORDER BY rd.device_id, r.received_at
                        ON CONFLICT (event_seq, device_id) DO NOTHING
                        """)
                .execute(Tuple.of(eventSeq, kind.name(), incidentId, reportId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    /**
     * Plans {@link PushKind#PREMISES_ALARM} for the owners' phones of the premises whose fire alarm is
     * {@code reportId} (nothing when that report is a citizen's). Once per event and device, like {@link #plan}.
     */
    Uni<Integer> planOwners(long eventSeq, UUID reportId, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO push_deliveries (event_seq, device_id, kind, incident_id, report_id, state,
                                                     next_attempt_at)
                        SELECT $1, d.id, $2, r.incident_id, r.id, 'PENDING', $4
                        FROM reports r JOIN premises p ON p.id = r.premises_id
                        JOIN devices d ON d.id = ANY (p.owner_device_ids)
                        WHERE r.id = $3 AND r.source = 'ALARM_DEVICE'
                        ON CONFLICT (event_seq, device_id) DO NOTHING
                        """)
                .execute(Tuple.of(eventSeq, PushKind.PREMISES_ALARM.name(), reportId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    Uni<Integer> resumeInterrupted() {
        return states.resumeInterrupted();
    }

    /** Takes up to {@code limit} due deliveries for sending (marked SENDING, one more attempt), oldest first. */
    Uni<List<Due>> claim(int limit, Instant now) {
        return pool.preparedQuery("""
                        UPDATE push_deliveries d SET state = 'SENDING', attempts = d.attempts + 1
                        FROM (SELECT event_seq, device_id FROM push_deliveries
                              WHERE state = 'PENDING' AND next_attempt_at <= $2
                              ORDER BY event_seq, device_id LIMIT $1
                              FOR UPDATE SKIP LOCKED) due, devices dv
                        WHERE d.event_seq = due.event_seq AND d.device_id = due.device_id AND dv.id = d.device_id
                        RETURNING d.event_seq, d.device_id, d.kind, d.incident_id, d.report_id, d.attempts,
                                  dv.fcm_token, dv.platform, dv.language
                        """)
                .execute(Tuple.of(limit, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getLong(0), row.getUUID(1), PushKind.valueOf(row.getString(2)),
                                row.getUUID(3), row.getUUID(4), row.getInteger(5), row.getString(6),
                                Device.Platform.valueOf(row.getString(7)), row.getString(8)));
                    }
                    due.sort(java.util.Comparator.comparingLong(Due::eventSeq));
                    return due;
                });
    }

    Uni<Void> sent(Due delivery, Instant at) {
        return states.finish(delivery.eventSeq(), delivery.deviceId(), "SENT", null, at);
    }

    Uni<Void> failed(Due delivery, String error) {
        return states.finish(delivery.eventSeq(), delivery.deviceId(), "FAILED", error, null);
    }

    /** The token is dead: the delivery goes, and so does the device's token (until the app sends a new one). */
    Uni<Void> pruned(Due delivery, String error) {
        return states.finish(delivery.eventSeq(), delivery.deviceId(), "PRUNED", error, null)
                .chain(() -> states.forgetToken(delivery.deviceId(), delivery.fcmToken()));
    }

    Uni<Void> retryAt(Due delivery, Instant next, String error) {
        return states.retryAt(delivery.eventSeq(), delivery.deviceId(), next, error);
    }
}
