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
 * Area alerts' notifications ({@code alert_deliveries}): at most one per (event, target), a target
 * being a device whose coarse position may lie in the area, or a province's FCM topic. Planned from
 * the log before anything is sent, like reporters' notifications; on the pool (timers, no request).
 */
@ApplicationScoped
class AlertPushRepository {

    /**
     * A phone's position is rounded to 0.01° before it is kept, which moves it by up to about 800 m;
     * a phone that may be in the area is warned: a needless warning costs less than a missed one.
     */
    static final double ROUNDING_SLACK_M = 800;

    /** What an alert's notification says, in each language, and until when it is worth delivering. */
    record Plan(long eventSeq, UUID alertId, int revision, String msgType, String titleVi, String titleEn,
                String bodyVi, String bodyEn, Instant expires) {
    }

    /** A delivery due to be sent. For a device, {@code fcmToken} null means its token is dead. */
    record Due(long eventSeq, String target, UUID deviceId, String topic, String fcmToken, String language,
               UUID alertId, int revision, String msgType, String title, String body, Instant expires, int attempts) {
    }

    private final Pool pool;
    private final DeliveryStateRepository states;

    AlertPushRepository(Pool pool) {
        this.pool = pool;
        this.states = new DeliveryStateRepository(pool, "alert_deliveries", "target");
    }

    /** Devices with a live position within {@code radiusM} (plus the rounding) of the centre. */
    Uni<Integer> planCircle(Plan plan, double lat, double lon, double radiusM, Instant now) {
        return planDevices(plan, "ST_DWithin(dl.location, ST_SetSRID(ST_MakePoint($11, $10), 4326)::geography, $12)",
                List.of(lat, lon, radiusM + ROUNDING_SLACK_M), now);
    }

    /** Devices with a live position inside the polygon (or within the rounding of it). */
    Uni<Integer> planPolygon(Plan plan, String polygonWkt, Instant now) {
        return planDevices(plan, "ST_DWithin(dl.location, ST_GeomFromText($10, 4326)::geography, $11)",
                List.of(polygonWkt, ROUNDING_SLACK_M), now);
    }

    private Uni<Integer> planDevices(Plan plan, String inArea, List<Object> areaParams, Instant now) {
        List<Object> params = new ArrayList<>(List.of(plan.eventSeq(), plan.alertId(), plan.revision(), plan.msgType(),
                plan.titleVi(), plan.titleEn(), plan.bodyVi(), plan.bodyEn(), plan.expires().atOffset(ZoneOffset.UTC)));
        params.addAll(areaParams);
        int nowParam = params.size() + 1;
        params.add(now.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery("""
                        INSERT INTO alert_deliveries (event_seq, target, device_id, language, alert_id, revision, msg_type,
                                                      title, body, expires_at, state, next_attempt_at)
                        SELECT $1, 'device:' || d.id, d.id, d.language, $2, $3, $4,
                               CASE WHEN d.language = 'en' THEN $6 ELSE $5 END,
                               CASE WHEN d.language = 'en' THEN $8 ELSE $7 END, $9, 'PENDING', $%d
                        FROM device_locations dl JOIN devices d ON d.id = dl.device_id
                        WHERE dl.expires_at > $%d AND d.fcm_token IS NOT NULL AND %s
                        ON CONFLICT (event_seq, target) DO NOTHING
                        """.formatted(nowParam, nowParam, inArea))
                .execute(Tuple.from(params))
                .map(rows -> rows.rowCount());
    }

    /** One message on a province's topic in one language, for phones that keep no position. */
    Uni<Integer> planTopic(Plan plan, String topic, String language, Instant now) {
        boolean en = "en".equals(language);
        return pool.preparedQuery("""
                        INSERT INTO alert_deliveries (event_seq, target, topic, language, alert_id, revision, msg_type,
                                                      title, body, expires_at, state, next_attempt_at)
                        VALUES ($1, 'topic:' || $2, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10)
                        ON CONFLICT (event_seq, target) DO NOTHING
                        """)
                .execute(Tuple.from(new Object[] {plan.eventSeq(), topic, language, plan.alertId(), plan.revision(),
                        plan.msgType(), en ? plan.titleEn() : plan.titleVi(), en ? plan.bodyEn() : plan.bodyVi(),
                        plan.expires().atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)}))
                .map(rows -> rows.rowCount());
    }

    Uni<Integer> resumeInterrupted() {
        return states.resumeInterrupted();
    }

    /** Takes up to {@code limit} due deliveries (marked SENDING, one more attempt), oldest first. */
    Uni<List<Due>> claim(int limit, Instant now) {
        return pool.preparedQuery("""
                        WITH claimed AS (
                            UPDATE alert_deliveries d SET state = 'SENDING', attempts = d.attempts + 1
                            FROM (SELECT event_seq, target FROM alert_deliveries
                                  WHERE state = 'PENDING' AND next_attempt_at <= $2
                                  ORDER BY event_seq, target LIMIT $1
                                  FOR UPDATE SKIP LOCKED) due
                            WHERE d.event_seq = due.event_seq AND d.target = due.target
                            RETURNING d.*)
                        SELECT c.event_seq, c.target, c.device_id, c.topic, dv.fcm_token, c.language, c.alert_id,
                               c.revision, c.msg_type, c.title, c.body, c.expires_at, c.attempts
                        FROM claimed c LEFT JOIN devices dv ON dv.id = c.device_id
                        ORDER BY c.event_seq, c.target
                        """)
                .execute(Tuple.of(limit, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new Due(row.getLong(0), row.getString(1), row.getUUID(2), row.getString(3),
                                row.getString(4), row.getString(5), row.getUUID(6), row.getInteger(7),
                                row.getString(8), row.getString(9), row.getString(10),
                                row.getOffsetDateTime(11).toInstant(), row.getInteger(12)));
                    }
                    return due;
                });
    }

    Uni<Void> sent(Due d, Instant at) {
        return states.finish(d.eventSeq(), d.target(), "SENT", null, at);
    }

    Uni<Void> failed(Due d, String error) {
        return states.finish(d.eventSeq(), d.target(), "FAILED", error, null);
    }

    /** The device's token is dead: the delivery goes, and so does the token. */
    Uni<Void> pruned(Due d, String error) {
        return states.finish(d.eventSeq(), d.target(), "PRUNED", error, null)
                .chain(() -> states.forgetToken(d.deviceId(), d.fcmToken()));
    }

    Uni<Void> retryAt(Due d, Instant next, String error) {
        return states.retryAt(d.eventSeq(), d.target(), next, error);
    }
}
