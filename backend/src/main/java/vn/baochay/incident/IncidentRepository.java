package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Incident rows: reads, row locks, the merge decision's cell locks and candidate lookup, and the dispatch list. *
 * <p>Longer than most classes: the incidents table's every query (locking, the derived province, the
 * console snapshot, bursts) stays in one repository, as the package rules want.
 */
@ApplicationScoped
class IncidentRepository {

    /** First key of the two-key advisory locks, per kind: reports of different kinds never merge. */
    private static final int LOCK_NAMESPACE = 114_000;

    private final Mutiny.SessionFactory sessions;

    IncidentRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    Uni<Incident> find(UUID id) {
        return sessions.withSession(session -> session.find(Incident.class, id));
    }

    /** The incident, its row locked until the transaction ends; null when there is none. */
    Uni<Incident> lock(UUID id) {
        return sessions.withSession(session -> session.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    Uni<Void> insert(Incident incident) {
        return sessions.withSession(session -> session.persist(incident));
    }

    /** Writes the session's pending changes (the incident's row, its new report). */
    Uni<Void> write() {
        return sessions.withSession(Mutiny.Session::flush);
    }

    /**
     * Writes the session's pending changes and reads back the province the database derived from the
     * incident's position (trigger incidents_province).
     */
    Uni<String> writeAndReadProvince(UUID incidentId) {
        return sessions.withSession(session -> session.flush()
                .chain(() -> session.createNativeQuery("SELECT province FROM incidents WHERE id = :id", String.class)
                        .setParameter("id", incidentId)
                        .getSingleResult()));
    }

    /**
     * How many incidents {@code source} opened since {@code since}; when a new one makes {@code size} of
     * them ({@link IncidentIntake#BURST}), the earlier ones are marked as part of the burst too.
     */
    Uni<Long> openedBySince(byte[] source, Instant since) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(*) FROM incidents WHERE opened_by_source = :source AND opened_at >= :since", Long.class)
                .setParameter("source", source)
                .setParameter("since", since.atOffset(ZoneOffset.UTC))
                .getSingleResult());
    }

    Uni<Void> markBurst(byte[] source, Instant since, int size) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE incidents SET burst_size = :size
                        WHERE opened_by_source = :source AND opened_at >= :since
                        """)
                .setParameter("size", size)
                .setParameter("source", source)
                .setParameter("since", since.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    /** Writes a re-assigned province (the entity never writes that column). */
    Uni<Void> setProvince(UUID incidentId, String province) {
        return sessions.withSession(session -> session.flush()
                .chain(() -> session.createNativeQuery("UPDATE incidents SET province = :province WHERE id = :id")
                        .setParameter("province", province)
                        .setParameter("id", incidentId)
                        .executeUpdate())
                .replaceWithVoid());
    }

    Uni<Boolean> provinceExists(String province) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(*) FROM provinces WHERE name = :name", Long.class)
                .setParameter("name", province)
                .getSingleResult()
                .map(n -> n > 0));
    }

    /**
     * Takes the transaction-scoped advisory locks of every cell in the range, in one fixed order
     * (x, then y) so two transactions never wait on each other in a circle.
     */
    Uni<Void> lockMergeCells(IncidentKind kind, MergePolicy.CellRange cells) {
        return sessions.withSession(session -> session.createNativeQuery("""
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
                .replaceWithVoid());
    }

    /** The open incident a premises' transmitter has signalled into, the most recent if several; null if none. */
    Uni<UUID> openForPremises(UUID premisesId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT id FROM incidents
                        WHERE premises_id = :premises AND status IN (:open)
                        ORDER BY last_report_at DESC, id
                        LIMIT 1
                        """, UUID.class)
                .setParameter("premises", premisesId)
                .setParameter("open", names(IncidentStatus.OPEN))
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.get(0)));
    }

    /** The nearest open incident of this kind within the radius whose last report is recent enough, or null. */
    Uni<UUID> findMergeCandidate(IncidentKind kind, double lat, double lon, double radiusM, Instant lastReportSince) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT id FROM incidents
                        WHERE kind = :kind
                          AND status IN (:open)
                          AND last_report_at >= :since
                          AND ST_DWithin(location, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :radius)
                        ORDER BY location <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, id
                        LIMIT 1
                        """, UUID.class)
                .setParameter("kind", kind.name())
                .setParameter("open", names(IncidentStatus.OPEN))
                .setParameter("since", lastReportSince.atOffset(ZoneOffset.UTC))
                .setParameter("lat", lat)
                .setParameter("lon", lon)
                .setParameter("radius", radiusM)
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.get(0)));
    }

    record Page(List<Incident> items, long total) {
    }

    /** The columns an {@link Incident} is read from in native queries (not the generated geography). */
    private static final String COLUMNS = """
            id, kind, status, lat, lon, weight_sum, weighted_lat, weighted_lon, report_count, first_report_at,
            last_report_at, opened_at, province, acknowledged_by, merged_into, unread_messages, revision, version,
            trust, trust_reasons, opened_by_source, burst_size, source, premises_id, premises_name, alarm_zone""";

    /**
     * What a console starts from: every open incident that is being handled, the {@code newLimit} NEW
     * ones a dispatcher should see first (most trusted, then latest), and how many there are of each
     * open status. {@code provinces} null means every province.
     */
    Uni<OpenIncidents.Rows> open(Set<String> provinces, int newLimit, int handledLimit) {
        if (provinces != null && provinces.isEmpty()) {
            return Uni.createFrom().item(new OpenIncidents.Rows(List.of(), java.util.Map.of()));
        }
        return sessions.withSession(session -> {
            var handled = session.createNativeQuery("""
                    SELECT %s FROM incidents
                    WHERE status IN (:handled) AND (CAST(:everywhere AS boolean) OR province IN (:provinces))
                    ORDER BY last_report_at DESC, id LIMIT :limit
                    """.formatted(COLUMNS), Incident.class)
                    .setParameter("handled", names(OpenIncidents.HANDLED))
                    .setParameter("limit", handledLimit);
            var fresh = session.createNativeQuery("""
                    SELECT %s FROM incidents
                    WHERE status = 'NEW' AND (CAST(:everywhere AS boolean) OR province IN (:provinces))
                    ORDER BY trust DESC NULLS LAST, last_report_at DESC, id LIMIT :limit
                    """.formatted(COLUMNS), Incident.class)
                    .setParameter("limit", newLimit);
            var counts = session.createNativeQuery("""
                    SELECT status, count(*) FROM incidents
                    WHERE status IN (:open) AND (CAST(:everywhere AS boolean) OR province IN (:provinces))
                    GROUP BY status
                    """, Object[].class)
                    .setParameter("open", names(IncidentStatus.OPEN));
            for (var query : List.of(handled, fresh, counts)) {
                query.setParameter("everywhere", provinces == null)
                        .setParameter("provinces", provinces == null ? List.of("") : List.copyOf(provinces));
            }
            return handled.getResultList().chain(a -> fresh.getResultList().chain(b -> counts.getResultList()
                    .map(rows -> {
                        java.util.Map<IncidentStatus, Long> byStatus = new java.util.EnumMap<>(IncidentStatus.class);
                        rows.forEach(r -> byStatus.put(IncidentStatus.valueOf((String) r[0]), ((Number) r[1]).longValue()));
                        List<Incident> all = new java.util.ArrayList<>(a);
                        all.addAll(b);
                        return new OpenIncidents.Rows(all, byStatus);
                    })));
        });
    }

    /**
     * One page of the dispatch list, NEW first, then the latest reported. {@code provinces} null means
     * every province (a supervisor); an empty set means none.
     */
    Uni<Page> page(IncidentFilter filter, Set<String> provinces) {
        if (filter.statuses().isEmpty() || provinces != null && provinces.isEmpty()) {
            return Uni.createFrom().item(new Page(List.of(), 0));
        }
        return sessions.withSession(session -> {
            var items = session.createNativeQuery("""
                            SELECT %s
                            FROM incidents
                            WHERE status IN (:statuses)
                              AND (CAST(:province AS text) IS NULL OR province = :province)
                              AND (CAST(:everywhere AS boolean) OR province IN (:provinces))
                              AND (CAST(:since AS timestamptz) IS NULL OR last_report_at >= :since)
                            ORDER BY CASE WHEN status = 'NEW' THEN 0 ELSE 1 END,
                                     CASE WHEN status = 'NEW' THEN trust END DESC NULLS LAST, last_report_at DESC, id
                            LIMIT :limit OFFSET :offset
                            """.formatted(COLUMNS), Incident.class)
                    .setParameter("limit", filter.size())
                    .setParameter("offset", filter.page() * filter.size());
            var count = session.createNativeQuery("""
                    SELECT count(*) FROM incidents
                    WHERE status IN (:statuses)
                      AND (CAST(:province AS text) IS NULL OR province = :province)
                      AND (CAST(:everywhere AS boolean) OR province IN (:provinces))
                      AND (CAST(:since AS timestamptz) IS NULL OR last_report_at >= :since)
                    """, Long.class);
            bind(items, filter, provinces);
            bind(count, filter, provinces);
            return items.getResultList().chain(list -> count.getSingleResult().map(total -> new Page(list, total)));
        });
    }

    private static void bind(Mutiny.SelectionQuery<?> query, IncidentFilter filter, Set<String> provinces) {
        query.setParameter("statuses", names(filter.statuses()))
                .setParameter("province", filter.province())
                .setParameter("everywhere", provinces == null)
                // an IN list must not be empty; for a supervisor it is not consulted
                .setParameter("provinces", provinces == null ? List.of("") : List.copyOf(provinces))
                .setParameter("since", filter.since() == null ? null : filter.since().atOffset(ZoneOffset.UTC));
    }

    static List<String> names(Set<IncidentStatus> statuses) {
        return statuses.stream().map(Enum::name).sorted().toList();
    }
}
