package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.SqlValues;

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

    /** The province the database derived from the incident's position (trigger incidents_province). */
    Uni<String> provinceOf(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery("SELECT province FROM incidents WHERE id = :id", String.class)
                .setParameter("id", incidentId)
                .getSingleResult();
    }

    /** The last change a dispatcher made, to tell a dispatcher with a stale view who changed it. */
    record Change(String actor, String type, java.time.Instant at) {
    }

    Uni<Change> lastDispatcherChange(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery("""
                        SELECT payload ->> 'actor', type, occurred_at FROM incident_events
                        WHERE incident_id = :id AND payload ->> 'actor' IS NOT NULL
                        ORDER BY seq DESC LIMIT 1
                        """, Object[].class)
                .setParameter("id", incidentId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new Change((String) rows.get(0)[0], (String) rows.get(0)[1],
                        SqlValues.instant(rows.get(0)[2])));
    }

    Uni<List<DispatchView.Note>> notesOf(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery("""
                        SELECT id, author, text, created_at FROM incident_notes
                        WHERE incident_id = :id ORDER BY created_at, id
                        """, Object[].class)
                .setParameter("id", incidentId)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new DispatchView.Note((UUID) r[0], (String) r[1], (String) r[2],
                        SqlValues.instant(r[3]))).toList());
    }

    Uni<Void> insertNote(Mutiny.Session session, UUID noteId, UUID incidentId, String author, String text,
                         java.time.Instant at) {
        return session.createNativeQuery("""
                        INSERT INTO incident_notes (id, incident_id, author, text, created_at)
                        VALUES (:id, :incidentId, :author, :text, :at)
                        """)
                .setParameter("id", noteId)
                .setParameter("incidentId", incidentId)
                .setParameter("author", author)
                .setParameter("text", text)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid();
    }

    Uni<Void> moveReports(Mutiny.Session session, UUID fromIncident, UUID toIncident) {
        return session.createNativeQuery("UPDATE reports SET incident_id = :to WHERE incident_id = :from")
                .setParameter("to", toIncident)
                .setParameter("from", fromIncident)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The incident's history as a dispatcher reads it: the latest 1000 events, oldest first. */
    Uni<List<DispatchView.TimelineEntry>> timelineOf(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery("""
                        SELECT seq, type, occurred_at, actor, text FROM (
                          SELECT seq, type, occurred_at, payload ->> 'actor' AS actor,
                                 CASE type
                                   WHEN 'NoteAdded' THEN payload ->> 'text'
                                   WHEN 'IncidentStatusChanged' THEN (payload ->> 'from') || ' → ' || (payload ->> 'to')
                                        || coalesce(': ' || (payload ->> 'reason'), '')
                                   WHEN 'UnitsDispatched' THEN (SELECT string_agg(u ->> 'callsign', ', ')
                                                                FROM jsonb_array_elements(payload -> 'units') AS u)
                                   WHEN 'UnitStatusChanged' THEN (payload -> 'unit' ->> 'callsign') || ' '
                                        || (payload -> 'unit' ->> 'status')
                                   WHEN 'IncidentMerged' THEN 'merged into ' || (payload ->> 'intoIncidentId')
                                   WHEN 'IncidentAbsorbed' THEN 'took in ' || (payload ->> 'mergedIncidentId')
                                   ELSE 'reports: ' || (payload -> 'incident' ->> 'reportCount')
                                 END AS text
                          FROM incident_events WHERE incident_id = :id ORDER BY seq DESC LIMIT 1000) AS latest
                        ORDER BY seq
                        """, Object[].class)
                .setParameter("id", incidentId)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new DispatchView.TimelineEntry(((Number) r[0]).longValue(),
                        (String) r[1], SqlValues.instant(r[2]), (String) r[3], (String) r[4])).toList());
    }

    record Page(List<Incident> items, long total) {
    }

    /**
     * The query is assembled from fixed fragments only; every value the caller gave is a parameter.
     * A dispatcher sees only their provinces; NEW incidents come first, then the latest reported.
     */
    Uni<Page> page(Mutiny.Session session, IncidentFilter filter, vn.baochay.common.Actor actor) {
        if (filter.statuses().isEmpty() || !actor.isSupervisor() && actor.provinces().isEmpty()) {
            return Uni.createFrom().item(new Page(List.of(), 0));
        }
        StringBuilder where = new StringBuilder(" from Incident i where i.status in :statuses");
        if (filter.province() != null) {
            where.append(" and i.province = :province");
        }
        if (!actor.isSupervisor()) {
            where.append(" and i.province in :provinces");
        }
        if (filter.since() != null) {
            where.append(" and i.lastReportAt >= :since");
        }
        var items = session.createSelectionQuery("select i" + where
                        + " order by case when i.status = :newStatus then 0 else 1 end, i.lastReportAt desc, i.id",
                        Incident.class)
                .setParameter("newStatus", IncidentStatus.NEW)
                .setFirstResult(filter.page() * filter.size())
                .setMaxResults(filter.size());
        var count = session.createSelectionQuery("select count(i)" + where, Long.class);
        bind(items, filter, actor);
        bind(count, filter, actor);
        return items.getResultList().chain(list -> count.getSingleResult().map(total -> new Page(list, total)));
    }

    private static void bind(Mutiny.SelectionQuery<?> query, IncidentFilter filter, vn.baochay.common.Actor actor) {
        query.setParameter("statuses", filter.statuses());
        if (filter.province() != null) {
            query.setParameter("province", filter.province());
        }
        if (!actor.isSupervisor()) {
            query.setParameter("provinces", actor.provinces());
        }
        if (filter.since() != null) {
            query.setParameter("since", filter.since());
        }
    }
}
