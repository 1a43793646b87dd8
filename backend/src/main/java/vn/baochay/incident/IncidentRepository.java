package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The SQL the merge decision needs: cell locks and a nearest-open-incident lookup on the GiST index. */
@ApplicationScoped
class IncidentRepository {

    /** First key of the two-key advisory locks, per kind: reports of different kinds never merge. */
    private static final int LOCK_NAMESPACE = 114_000;

    /**
     * Takes the transaction-scoped advisory locks of every cell in the range, in one fixed order
     * (x, then y) so two transactions never wait on each other in a circle.
     */
    Uni<Void> lockMergeCells(Mutiny.Session session, IncidentKind kind, MergePolicy.CellRange cells) {
        return session.createNativeQuery("""
                        SELECT count(pg_advisory_xact_lock(CAST(:namespace AS int), (c.x + 18000) * 20000 + (c.y + 9000)))
                        FROM (SELECT x, y
                              FROM generate_series(CAST(:x0 AS int), CAST(:x1 AS int)) AS x
                              CROSS JOIN generate_series(CAST(:y0 AS int), CAST(:y1 AS int)) AS y
                              ORDER BY x, y) AS c
                        """, Long.class)
                .setParameter("namespace", LOCK_NAMESPACE + kind.ordinal())
                .setParameter("x0", cells.x0())
                .setParameter("x1", cells.x1())
                .setParameter("y0", cells.y0())
                .setParameter("y1", cells.y1())
                .getSingleResult()
                .replaceWithVoid();
    }

    /** The nearest open incident of this kind within the radius whose last report is recent enough, or null. */
    Uni<UUID> findMergeCandidate(Mutiny.Session session, IncidentKind kind, double lat, double lon, double radiusM,
                                 Instant lastReportSince) {
        return session.createNativeQuery("""
                        SELECT id FROM incidents
                        WHERE kind = :kind
                          AND status NOT IN ('CLOSED', 'FALSE_ALARM', 'MERGED')
                          AND last_report_at >= :since
                          AND ST_DWithin(location, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :radius)
                        ORDER BY location <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, id
                        LIMIT 1
                        """, UUID.class)
                .setParameter("kind", kind.name())
                .setParameter("since", lastReportSince.atOffset(ZoneOffset.UTC))
                .setParameter("lat", lat)
                .setParameter("lon", lon)
                .setParameter("radius", radiusM)
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    Uni<List<CitizenReport>> reportsOf(Mutiny.Session session, UUID incidentId) {
        return session.createSelectionQuery(
                        "from CitizenReport where incidentId = :incidentId order by receivedAt, id", CitizenReport.class)
                .setParameter("incidentId", incidentId)
                .getResultList();
    }
}
