package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What a report's trust is assessed from; read before the report's transaction, on the pool. The statement
 * asks only what can be known: without a device there is nothing of a device to read, and without a source
 * (an address flood control does not limit) nothing of the address. Each shape is its own prepared
 * statement, so PostgreSQL can keep one plan for it; one statement with NULLs in place of the unknowns
 * (as before) was planned at every execution, 0.4-0.5 ms each, for 0.01 ms of work.
 */
@ApplicationScoped
class TrustRepository {

    /** What is known of a report with neither: no device, and no other report from its source. */
    static final Trust.Facts NOTHING_KNOWN = new Trust.Facts(0, null, 0, 0, null, null);

    /** Reports from the source ($%d) in the five minutes before now ($%d). */
    private static final String SOURCE_COUNT = """
            (SELECT count(*) FROM reports
             WHERE source_hash = $%d::bytea AND received_at > $%d::timestamptz - interval '5 minutes')""";

    /** The device's facts: $1 device, $2 lat, $3 lon, $4 now; %s is the source's count, or 0. */
    private static final String DEVICE_FACTS = """
            WITH device AS (SELECT created_at FROM devices WHERE id = $1::uuid),
                 device_reports AS (
                     SELECT r.incident_id, r.location, r.received_at, i.status
                     FROM report_devices rd
                     JOIN reports r ON r.id = rd.report_id
                     JOIN incidents i ON i.id = r.incident_id
                     WHERE rd.device_id = $1::uuid),
                 last_report AS (
                     SELECT location, received_at FROM device_reports
                     WHERE received_at > $4::timestamptz - interval '1 hour'
                     ORDER BY received_at DESC LIMIT 1)
            SELECT
                %s,
                (SELECT floor(extract(epoch FROM $4::timestamptz - created_at) / 60)::bigint FROM device),
                (SELECT count(*) FROM device_reports WHERE status = 'FALSE_ALARM'),
                (SELECT count(DISTINCT d.incident_id) FROM device_reports d
                 WHERE d.status <> 'FALSE_ALARM'
                   AND EXISTS (SELECT 1 FROM assignments a WHERE a.incident_id = d.incident_id)),
                (SELECT round(ST_Distance(location,
                        ST_SetSRID(ST_MakePoint($3, $2), 4326)::geography) / 1000)::bigint FROM last_report),
                (SELECT floor(extract(epoch FROM $4::timestamptz - received_at) / 60)::bigint FROM last_report)
            """;

    private static final String DEVICE_ONLY = DEVICE_FACTS.formatted("0::bigint");
    private static final String DEVICE_AND_SOURCE = DEVICE_FACTS.formatted(SOURCE_COUNT.formatted(5, 4));
    private static final String SOURCE_ONLY = "SELECT " + SOURCE_COUNT.formatted(1, 2).strip();

    private final Pool pool;

    TrustRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Trust.Facts> facts(byte[] sourceHash, UUID deviceId, double lat, double lon, Instant now) {
        java.time.OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        if (deviceId == null && sourceHash == null) {
            return Uni.createFrom().item(NOTHING_KNOWN);
        }
        if (deviceId == null) {
            return pool.preparedQuery(SOURCE_ONLY).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(sourceHash), at))
                    .map(rows -> new Trust.Facts(rows.iterator().next().getLong(0), null, 0, 0, null, null));
        }
        Tuple params = Tuple.of(deviceId, lat, lon, at);
        if (sourceHash != null) {
            params.addValue(io.vertx.core.buffer.Buffer.buffer(sourceHash));
        }
        return pool.preparedQuery(sourceHash == null ? DEVICE_ONLY : DEVICE_AND_SOURCE).execute(params)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Trust.Facts(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3),
                            row.getLong(4), row.getLong(5));
                });
    }
}
