package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Incidents around a point, for the public: only the columns the public may see, never a report's. */
@ApplicationScoped
class NearbyIncidentsRepository {

    private final Pool pool;

    NearbyIncidentsRepository(Pool pool) {
        this.pool = pool;
    }

    /** An incident in one of the asked statuses, with its true position (rounded by the caller). */
    record Candidate(UUID id, IncidentKind kind, IncidentStatus status, double lat, double lon, Instant openedAt) {
    }

    /**
     * Incidents in {@code statuses} within {@code radiusM} of the point, nearest first, at most
     * {@code limit}: {@code ST_DWithin} and {@code <->} both use the GiST index on {@code location}.
     */
    Uni<List<Candidate>> within(double lat, double lon, double radiusM, Set<IncidentStatus> statuses, int limit) {
        String[] names = IncidentRepository.names(statuses).toArray(String[]::new);
        return pool.preparedQuery("""
                        SELECT id, kind, status, lat, lon, opened_at FROM incidents
                        WHERE status = ANY ($4::text[])
                          AND ST_DWithin(location, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, $3)
                        ORDER BY location <-> ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, id
                        LIMIT $5
                        """)
                .execute(Tuple.of(lat, lon, radiusM, names, limit))
                .map(rows -> {
                    List<Candidate> candidates = new ArrayList<>();
                    for (Row row : rows) {
                        candidates.add(new Candidate(row.getUUID(0), IncidentKind.valueOf(row.getString(1)),
                                IncidentStatus.valueOf(row.getString(2)), row.getDouble(3), row.getDouble(4),
                                row.getOffsetDateTime(5).toInstant()));
                    }
                    return candidates;
                });
    }
}
