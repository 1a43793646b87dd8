package vn.baochay.shelter;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.baochay.common.GeoPoint;

/** Shelters: the import's upsert, and nearest-first search (a KNN scan of the GiST index on {@code shelters.location}). */
@ApplicationScoped
class ShelterRepository {

    private final Pool pool;

    ShelterRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts or updates every row by id, all in one transaction: a file is imported whole or not at
     * all. Places missing from a later file are left as they are.
     */
    Uni<Void> upsert(List<ShelterFile.ShelterRow> rows) {
        List<Tuple> tuples = rows.stream().map(r -> Tuple.from(new Object[] {r.id(), r.name(), r.kind().name(),
                r.address(), r.province(), r.capacity(), r.hazards().stream().map(Enum::name).toArray(String[]::new),
                r.lat(), r.lon(), r.demo()})).toList();
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO shelters (id, name, kind, address, province, capacity, hazards, location, demo,
                                              imported_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($9, $8), 4326)::geography, $10, now())
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                            address = excluded.address, province = excluded.province, capacity = excluded.capacity,
                            hazards = excluded.hazards, location = excluded.location, demo = excluded.demo,
                            imported_at = excluded.imported_at
                        """)
                .executeBatch(tuples))
                .replaceWithVoid();
    }

    /**
     * {@code ORDER BY location <-> point LIMIT n}, alone, lets PostGIS walk the index nearest-first (a
     * second sort key makes PostgreSQL sort every row instead; see StationRepository#nearest); the
     * nearest are then ordered by their distance on the sphere, like the index, and by id between
     * equal distances. A null {@code hazard} means any.
     */
    Uni<List<NearbyShelter>> nearest(double lat, double lon, int limit, Hazard hazard) {
        return pool.preparedQuery("""
                        SELECT id, name, kind, address, province, capacity, hazards, lat, lon, distance, demo
                        FROM (SELECT id, name, kind, address, province, capacity, hazards,
                                     ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lon,
                                     ST_Distance(location, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, false)
                                         AS distance,
                                     demo
                              FROM shelters
                              WHERE $4::text IS NULL OR $4::text = ANY (hazards)
                              ORDER BY location <-> ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography
                              LIMIT $3) AS nearest
                        ORDER BY distance, id
                        """)
                .execute(Tuple.of(lat, lon, limit, hazard == null ? null : hazard.name()))
                .map(rows -> {
                    List<NearbyShelter> shelters = new ArrayList<>();
                    for (Row row : rows) {
                        shelters.add(toShelter(row));
                    }
                    return shelters;
                });
    }

    private static NearbyShelter toShelter(Row row) {
        return new NearbyShelter(row.getString(0), row.getString(1), ShelterKind.valueOf(row.getString(2)),
                row.getString(3), row.getString(4), row.getInteger(5),
                Arrays.stream(row.getArrayOfStrings(6)).map(Hazard::valueOf).toList(),
                new GeoPoint(row.getDouble(7), row.getDouble(8)), Math.round(row.getDouble(9)), row.getBoolean(10));
    }
}
