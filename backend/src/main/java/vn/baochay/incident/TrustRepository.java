package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** What a report's trust is assessed from; read before the report's transaction, on the pool. */
@ApplicationScoped
class TrustRepository {

    private final Pool pool;

    TrustRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Trust.Facts> facts(byte[] sourceHash, UUID deviceId, double lat, double lon, Instant now) {
        return pool.preparedQuery("""
                        WITH device AS (SELECT created_at FROM devices WHERE id = $2::uuid),
                             device_reports AS (
                                 SELECT r.incident_id, r.location, r.received_at, i.status
                                 FROM report_devices rd
                                 JOIN reports r ON r.id = rd.report_id
                                 JOIN incidents i ON i.id = r.incident_id
                                 WHERE rd.device_id = $2::uuid),
                             last_report AS (
                                 SELECT location, received_at FROM device_reports
                                 WHERE received_at > $5::timestamptz - interval '1 hour'
                                 ORDER BY received_at DESC LIMIT 1)
                        SELECT
                            (SELECT count(*) FROM reports
                             WHERE $1::bytea IS NOT NULL AND source_hash = $1::bytea
                               AND received_at > $5::timestamptz - interval '5 minutes'),
                            (SELECT floor(extract(epoch FROM $5::timestamptz - created_at) / 60)::bigint FROM device),
                            (SELECT count(*) FROM device_reports WHERE status = 'FALSE_ALARM'),
                            (SELECT count(DISTINCT d.incident_id) FROM device_reports d
                             WHERE d.status <> 'FALSE_ALARM'
                               AND EXISTS (SELECT 1 FROM assignments a WHERE a.incident_id = d.incident_id)),
                            (SELECT round(ST_Distance(location,
                                    ST_SetSRID(ST_MakePoint($4, $3), 4326)::geography) / 1000)::bigint FROM last_report),
                            (SELECT floor(extract(epoch FROM $5::timestamptz - received_at) / 60)::bigint FROM last_report)
                        """)
                .execute(Tuple.from(new Object[] {sourceHash == null ? null : io.vertx.core.buffer.Buffer.buffer(sourceHash),
                        deviceId, lat, lon, now.atOffset(ZoneOffset.UTC)}))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Trust.Facts(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3),
                            row.getLong(4), row.getLong(5));
                });
    }
}
