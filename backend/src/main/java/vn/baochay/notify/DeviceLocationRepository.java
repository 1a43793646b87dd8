package vn.baochay.notify;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Phones' opt-in coarse positions ({@code device_locations}), for area alerts only: one row per
 * device, already rounded when it arrives here, and deleted once it expires. Single statements, so
 * on the pool (the purge runs from a timer, outside any request).
 */
@ApplicationScoped
class DeviceLocationRepository {

    private final Pool pool;

    DeviceLocationRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> put(UUID deviceId, double lat, double lon, Instant at, Instant expires) {
        return pool.preparedQuery("""
                        INSERT INTO device_locations (device_id, location, updated_at, expires_at)
                        VALUES ($1, ST_SetSRID(ST_MakePoint($3, $2), 4326)::geography, $4, $5)
                        ON CONFLICT (device_id) DO UPDATE
                        SET location = excluded.location, updated_at = excluded.updated_at, expires_at = excluded.expires_at
                        """)
                .execute(Tuple.of(deviceId, lat, lon, at.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    Uni<Void> forget(UUID deviceId) {
        return pool.preparedQuery("DELETE FROM device_locations WHERE device_id = $1")
                .execute(Tuple.of(deviceId))
                .replaceWithVoid();
    }

    Uni<Integer> purgeExpired(Instant now) {
        return pool.preparedQuery("DELETE FROM device_locations WHERE expires_at <= $1")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}
