package vn.baochay.station;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.Actor;
import vn.baochay.common.ProblemException;
import vn.baochay.common.ProblemType;

/** Fire units: sending them to incidents, their statuses, and the unit board. */
@ApplicationScoped
public class UnitService {

    private final Mutiny.SessionFactory sessions;
    private final UnitRepository units;
    private final Clock clock;

    UnitService(Mutiny.SessionFactory sessions, UnitRepository units, Clock clock) {
        this.sessions = sessions;
        this.units = units;
        this.clock = clock;
    }

    public record AssignmentView(String unitId, String callsign, String stationId, String stationName, String status,
                                 java.time.Instant dispatchedAt, String dispatchedBy, java.time.Instant releasedAt) {
    }

    /**
     * Sends AVAILABLE units (from any station) to an incident, in the caller's transaction. A unit that
     * is already out, or unknown, refuses the whole dispatch with a reason naming it.
     */
    public Uni<List<UnitState>> dispatch(Collection<String> unitIds, UUID incidentId, Actor actor) {
        Set<String> wanted = new TreeSet<>(unitIds);
        return sessions.withTransaction(session -> units.lock(session, wanted).chain(found -> {
            List<String> problems = new ArrayList<>();
            wanted.stream().filter(id -> found.stream().noneMatch(u -> u.id().equals(id)))
                    .forEach(id -> problems.add("no unit " + id));
            found.stream().filter(u -> u.status() != UnitStatus.AVAILABLE)
                    .forEach(u -> problems.add(u.callsign() + " is " + u.status()
                            + (u.incidentId() == null ? "" : " on incident " + u.incidentId())));
            if (!problems.isEmpty()) {
                throw new ProblemException(ProblemType.UNIT_UNAVAILABLE, "Cannot dispatch: " + String.join("; ", problems));
            }
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UnitState unit : found) {
                all = all.chain(() -> units.assign(session, unit.id(), incidentId, actor.username(), clock.instant()));
            }
            return all.chain(() -> units.find(session, wanted));
        }));
    }

    /**
     * Sets a unit's status. AVAILABLE and OUT_OF_SERVICE end its assignment. A dispatcher may change
     * the units of their provinces' stations, and units serving an incident the caller has checked.
     */
    /** A unit after a change, and the incident it served before it (if any). */
    public record UnitChange(UnitState unit, UUID incidentId) {
    }

    public Uni<UnitChange> changeStatus(String unitId, UnitStatus status, Actor actor,
                                        boolean servesIncidentInJurisdiction) {
        return sessions.withTransaction(session -> units.lock(session, List.of(unitId)).chain(found -> {
            if (found.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No unit " + unitId);
            }
            UnitState unit = found.get(0);
            boolean mayChange = actor.covers(unit.province())
                    || unit.incidentId() != null && servesIncidentInJurisdiction;
            if (!mayChange) {
                throw new ProblemException(ProblemType.OUT_OF_JURISDICTION,
                        unit.callsign() + " belongs to " + unit.province() + ", outside your provinces");
            }
            if (unit.incidentId() == null && status.isCommitted()) {
                throw new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                        unit.callsign() + " serves no incident: dispatch it to one first");
            }
            Uni<Void> release = status == UnitStatus.AVAILABLE || status == UnitStatus.OUT_OF_SERVICE
                    ? units.release(session, unitId, clock.instant())
                    : Uni.createFrom().voidItem();
            return release.chain(() -> units.setStatus(session, unitId, status, clock.instant()))
                    .chain(() -> units.find(session, List.of(unitId)))
                    .map(list -> new UnitChange(list.get(0), unit.incidentId()));
        }));
    }

    /** The unit as it stands, or null. */
    public Uni<UnitState> state(String unitId) {
        return sessions.withSession(session -> units.find(session, List.of(unitId)))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** When an incident ends: its units are released and, if still out, head back (RETURNING). */
    public Uni<List<UnitState>> releaseAll(UUID incidentId) {
        return sessions.withTransaction(session -> units.assignedTo(session, incidentId).chain(assigned -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UnitState unit : assigned) {
                all = all.chain(() -> units.release(session, unit.id(), clock.instant()))
                        .chain(() -> unit.status().isCommitted()
                                ? units.setStatus(session, unit.id(), UnitStatus.RETURNING, clock.instant())
                                : Uni.createFrom().voidItem());
            }
            return all.chain(() -> assigned.isEmpty()
                            ? Uni.createFrom().item(List.<UnitState>of())
                            : units.find(session, assigned.stream().map(UnitState::id).toList()));
        }));
    }

    public Uni<Void> moveAssignments(UUID fromIncident, UUID toIncident) {
        return sessions.withTransaction(session -> units.moveAssignments(session, fromIncident, toIncident));
    }

    public Uni<List<AssignmentView>> assignmentsOf(UUID incidentId) {
        return sessions.withSession(session -> units.assignmentsOf(session, incidentId)).map(list -> list.stream()
                .map(a -> new AssignmentView(a.unitId(), a.callsign(), a.stationId(), a.stationName(), a.status(),
                        a.dispatchedAt(), a.dispatchedBy(), a.releasedAt())).toList());
    }

    /** The unit board: every unit of the actor's provinces (all for supervisors). */
    public Uni<List<UnitState>> board(Actor actor) {
        return sessions.withSession(session -> units.board(session, actor.isSupervisor() ? null : actor.provinces()));
    }

    public record StationView(String id, String name, String phone, String province, NearbyStation.Position location) {
    }

    public Uni<List<StationView>> stations(Actor actor) {
        return sessions.withSession(session -> units.stations(session, actor.isSupervisor() ? null : actor.provinces()))
                .map(list -> list.stream().map(s -> new StationView(s.id(), s.name(), s.phone(), s.province(),
                        s.location())).toList());
    }
}
