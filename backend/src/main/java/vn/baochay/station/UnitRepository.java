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

    /** The units, locked for this transaction in id order (so two dispatches never deadlock). */
    Uni<List<UnitState>> lock(Mutiny.Session session, Collection<String> unitIds) {
        return byIds(session, UNIT_STATE + " WHERE u.id IN (:ids) ORDER BY u.id FOR UPDATE OF u", unitIds);
    }

    Uni<List<UnitState>> find(Mutiny.Session session, Collection<String> unitIds) {
        return byIds(session, UNIT_STATE + " WHERE u.id IN (:ids) ORDER BY u.id", unitIds);
    }

    private static Uni<List<UnitState>> byIds(Mutiny.Session session, String sql, Collection<String> unitIds) {
        return session.createNativeQuery(sql, Object[].class)
                .setParameter("ids", unitIds)
                .getResultList()
                .map(rows -> rows.stream().map(UnitRepository::toState).toList());
    }

    /** Every unit of the stations in these provinces (all provinces when {@code provinces} is null). */
    Uni<List<UnitState>> board(Mutiny.Session session, Collection<String> provinces) {
        var query = provinces == null
                ? session.createNativeQuery(UNIT_STATE + " ORDER BY s.province, s.name, u.callsign", Object[].class)
                : session.createNativeQuery(UNIT_STATE + " WHERE s.province IN (:provinces)"
                        + " ORDER BY s.province, s.name, u.callsign", Object[].class)
                        .setParameter("provinces", provinces);
        return query.getResultList().map(rows -> rows.stream().map(UnitRepository::toState).toList());
    }

    Uni<List<UnitState>> assignedTo(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery(UNIT_STATE + " WHERE a.incident_id = :incident ORDER BY u.id FOR UPDATE OF u",
                        Object[].class)
                .setParameter("incident", incidentId)
                .getResultList()
                .map(rows -> rows.stream().map(UnitRepository::toState).toList());
    }

    Uni<Void> assign(Mutiny.Session session, String unitId, UUID incidentId, String by, Instant at) {
        return session.createNativeQuery("""
                        INSERT INTO assignments (incident_id, unit_id, dispatched_at, dispatched_by)
                        VALUES (:incident, :unit, :at, :by)
                        """)
                .setParameter("incident", incidentId)
                .setParameter("unit", unitId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("by", by)
                .executeUpdate()
                .chain(() -> setStatus(session, unitId, UnitStatus.DISPATCHED, at));
    }

    Uni<Void> setStatus(Mutiny.Session session, String unitId, UnitStatus status, Instant at) {
        return session.createNativeQuery("UPDATE units SET status = :status, updated_at = :at WHERE id = :id")
                .setParameter("status", status.name())
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("id", unitId)
                .executeUpdate()
                .replaceWithVoid();
    }

    Uni<Void> release(Mutiny.Session session, String unitId, Instant at) {
        return session.createNativeQuery(
                        "UPDATE assignments SET released_at = :at WHERE unit_id = :unit AND released_at IS NULL")
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("unit", unitId)
                .executeUpdate()
                .replaceWithVoid();
    }

    Uni<Void> moveAssignments(Mutiny.Session session, UUID fromIncident, UUID toIncident) {
        return session.createNativeQuery(
                        "UPDATE assignments SET incident_id = :to WHERE incident_id = :from AND released_at IS NULL")
                .setParameter("to", toIncident)
                .setParameter("from", fromIncident)
                .executeUpdate()
                .replaceWithVoid();
    }

    record Assignment(String unitId, String callsign, String stationId, String stationName, String status,
                      Instant dispatchedAt, String dispatchedBy, Instant releasedAt) {
    }

    Uni<List<Assignment>> assignmentsOf(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery("""
                        SELECT u.id, u.callsign, s.id, s.name, u.status, a.dispatched_at, a.dispatched_by, a.released_at
                        FROM assignments a JOIN units u ON u.id = a.unit_id JOIN stations s ON s.id = u.station_id
                        WHERE a.incident_id = :incident ORDER BY a.dispatched_at, u.id
                        """, Object[].class)
                .setParameter("incident", incidentId)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Assignment((String) r[0], (String) r[1], (String) r[2],
                        (String) r[3], (String) r[4], SqlValues.instant(r[5]), (String) r[6], SqlValues.instant(r[7]))).toList());
    }

    record StationPlace(String id, String name, String phone, String province, NearbyStation.Position location) {
    }

    Uni<List<StationPlace>> stations(Mutiny.Session session, Collection<String> provinces) {
        String sql = "SELECT id, name, phone, province, ST_Y(location::geometry), ST_X(location::geometry) FROM stations";
        var query = provinces == null
                ? session.createNativeQuery(sql + " ORDER BY province, name", Object[].class)
                : session.createNativeQuery(sql + " WHERE province IN (:provinces) ORDER BY province, name",
                        Object[].class).setParameter("provinces", provinces);
        return query.getResultList().map(rows -> rows.stream().map(r -> new StationPlace((String) r[0],
                (String) r[1], (String) r[2], (String) r[3],
                new NearbyStation.Position(((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue()))).toList());
    }

    private static UnitState toState(Object[] r) {
        return new UnitState((String) r[0], (String) r[1], (String) r[2], UnitStatus.valueOf((String) r[3]),
                (String) r[4], (String) r[5], (String) r[6], (UUID) r[7]);
    }
}
