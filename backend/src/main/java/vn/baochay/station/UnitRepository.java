package vn.baochay.station;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.SqlValues;

/** Units, their statuses and their assignments to incidents. */
@ApplicationScoped
class UnitRepository {

    private static final String UNIT_STATE = """
            SELECT u.id, u.callsign, u.type, u.status, s.id, s.name, s.province, a.incident_id
            FROM units u
            JOIN stations s ON s.id = u.station_id
            LEFT JOIN assignments a ON a.unit_id = u.id AND a.released_at IS NULL
            """;

    private final Mutiny.SessionFactory sessions;

    UnitRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The units, locked for this transaction in id order (so two dispatches never deadlock). */
    Uni<List<UnitState>> lock(Collection<String> unitIds) {
        return states(UNIT_STATE + " WHERE u.id IN (:ids) ORDER BY u.id FOR UPDATE OF u", "ids", unitIds);
    }

    Uni<List<UnitState>> find(Collection<String> unitIds) {
        return states(UNIT_STATE + " WHERE u.id IN (:ids) ORDER BY u.id", "ids", unitIds);
    }

    /** Every unit of the stations in these provinces. */
    Uni<List<UnitState>> inProvinces(Collection<String> provinces) {
        return states(UNIT_STATE + " WHERE s.province IN (:provinces) ORDER BY s.province, s.name, u.callsign",
                "provinces", provinces);
    }

    Uni<List<UnitState>> all() {
        return states(UNIT_STATE + " ORDER BY s.province, s.name, u.callsign", null, null);
    }

    /** The units serving the incident, locked. */
    Uni<List<UnitState>> lockAssignedTo(UUID incidentId) {
        return states(UNIT_STATE + " WHERE a.incident_id = :incident ORDER BY u.id FOR UPDATE OF u", "incident",
                incidentId);
    }

    /** Unit states by a query with at most one parameter ({@code parameter} null: none). */
    private Uni<List<UnitState>> states(String sql, String parameter, Object value) {
        return sessions.withSession(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            if (parameter != null) {
                query.setParameter(parameter, value);
            }
            return query.getResultList().map(rows -> rows.stream().map(UnitRepository::toState).toList());
        });
    }

    Uni<Void> assign(String unitId, UUID incidentId, String by, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO assignments (incident_id, unit_id, dispatched_at, dispatched_by)
                        VALUES (:incident, :unit, :at, :by)
                        """)
                .setParameter("incident", incidentId)
                .setParameter("unit", unitId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("by", by)
                .executeUpdate())
                .chain(() -> setStatus(unitId, UnitStatus.DISPATCHED, at));
    }

    Uni<Void> setStatus(String unitId, UnitStatus status, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE units SET status = :status, updated_at = :at WHERE id = :id")
                .setParameter("status", status.name())
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("id", unitId)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<Void> release(String unitId, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE assignments SET released_at = :at WHERE unit_id = :unit AND released_at IS NULL")
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("unit", unitId)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<Void> moveAssignments(UUID fromIncident, UUID toIncident) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE assignments SET incident_id = :to WHERE incident_id = :from AND released_at IS NULL")
                .setParameter("to", toIncident)
                .setParameter("from", fromIncident)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<List<Assignment>> assignmentsOf(UUID incidentId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT u.id, u.callsign, s.id, s.name, u.status, a.dispatched_at, a.dispatched_by, a.released_at
                        FROM assignments a JOIN units u ON u.id = a.unit_id JOIN stations s ON s.id = u.station_id
                        WHERE a.incident_id = :incident ORDER BY a.dispatched_at, u.id
                        """, Object[].class)
                .setParameter("incident", incidentId)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Assignment((String) r[0], (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], SqlValues.instant(r[5]), (String) r[6],
                        SqlValues.instant(r[7]))).toList()));
    }

    private static UnitState toState(Object[] r) {
        return new UnitState((String) r[0], (String) r[1], (String) r[2], UnitStatus.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (UUID) r[7]);
    }
}
