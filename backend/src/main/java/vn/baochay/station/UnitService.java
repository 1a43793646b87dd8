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
import vn.baochay.common.Actor;
import vn.baochay.common.NotFound;
import vn.baochay.common.OutOfJurisdiction;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;

/** Fire units: sending them to incidents, their statuses, and the unit board. */
@ApplicationScoped
public class UnitService {

    private final Transactions transactions;
    private final UnitRepository units;
    private final Clock clock;

    UnitService(Transactions transactions, UnitRepository units, Clock clock) {
        this.transactions = transactions;
        this.units = units;
        this.clock = clock;
    }

    /** A unit after a change, and the incident it served before it (if any). */
    public record UnitChange(UnitState unit, UUID incidentId) {
    }

    /**
     * Sends AVAILABLE units to an incident, in the caller's transaction, under the units' row locks. A
     * dispatcher may send the units of their provinces' stations and of {@code recommendedStations} (the
     * incident's nearest, across a border); a supervisor any unit. A unit that may not be sent, is out
     * already, or is unknown refuses the whole dispatch with a reason naming it, and saying nothing of
     * what lies outside the actor's jurisdiction (not a unit's status there, nor another incident's id).
     */
    public Uni<List<UnitState>> dispatch(Collection<String> unitIds, UUID incidentId, Actor actor,
                                         Set<String> recommendedStations) {
        Set<String> wanted = new TreeSet<>(unitIds);
        return transactions.inTransaction(() -> units.lock(wanted).chain(found -> {
            List<String> notAllowed = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            wanted.stream().filter(id -> found.stream().noneMatch(u -> u.id().equals(id)))
                    .forEach(id -> problems.add("no unit " + id));
            for (UnitState unit : found) {
                boolean allowed = actor.isSupervisor() || actor.covers(unit.province())
                        || recommendedStations.contains(unit.stationId());
                if (!allowed) {
                    notAllowed.add(unit.callsign());
                } else if (unit.status() != UnitStatus.AVAILABLE) {
                    problems.add(unit.callsign() + " is " + unit.status() + (unit.incidentId() == null ? ""
                            : incidentId.equals(unit.incidentId()) ? " on this incident" : " on another incident"));
                }
            }
            if (!notAllowed.isEmpty()) {
                throw new OutOfJurisdiction("You may send units of your provinces' stations and of the stations "
                        + "recommended for this incident; not " + String.join(", ", notAllowed));
            }
            if (!problems.isEmpty()) {
                throw new UnitUnavailable(problems);
            }
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UnitState unit : found) {
                all = all.chain(() -> units.assign(unit.id(), incidentId, actor.username(), clock.instant()));
            }
            return all.chain(() -> units.find(wanted));
        }));
    }

    /**
     * Sets a unit's status. AVAILABLE and OUT_OF_SERVICE end its assignment. A dispatcher may change
     * the units of their provinces' stations, and units serving an incident in their provinces:
     * {@code coversIncident} is asked about the unit's incident after the unit's row is locked, so the
     * unit cannot move to another incident between the check and the change.
     */
    public Uni<UnitChange> changeStatus(String unitId, UnitStatus status, Actor actor,
                                        java.util.function.Function<UUID, Uni<Boolean>> coversIncident) {
        return transactions.inTransaction(() -> units.lock(List.of(unitId)).chain(found -> {
            if (found.isEmpty()) {
                throw new NotFound("unit", unitId);
            }
            UnitState unit = found.get(0);
            Uni<Boolean> mayChange = actor.covers(unit.province()) ? Uni.createFrom().item(true)
                    : unit.incidentId() == null ? Uni.createFrom().item(false) : coversIncident.apply(unit.incidentId());
            return mayChange.chain(allowed -> {
                if (!allowed) {
                    throw new OutOfJurisdiction(unit.callsign() + " belongs to a station outside your provinces");
                }
                if (unit.incidentId() == null && status.isCommitted()) {
                    throw new Rejection(Reason.ILLEGAL_TRANSITION,
                            unit.callsign() + " serves no incident: dispatch it to one first");
                }
                Uni<Void> release = status == UnitStatus.AVAILABLE || status == UnitStatus.OUT_OF_SERVICE
                        ? units.release(unitId, clock.instant())
                        : Uni.createFrom().voidItem();
                return release.chain(() -> units.setStatus(unitId, status, clock.instant()))
                        .chain(() -> units.find(List.of(unitId)))
                        .map(list -> new UnitChange(list.get(0), unit.incidentId()));
            });
        }));
    }

    /** The unit as it stands, or null. */
    public Uni<UnitState> state(String unitId) {
        return units.find(List.of(unitId)).map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** When an incident ends: its units are released and, if still out, head back (RETURNING). */
    public Uni<List<UnitState>> releaseAll(UUID incidentId) {
        return transactions.inTransaction(() -> units.lockAssignedTo(incidentId).chain(assigned -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UnitState unit : assigned) {
                all = all.chain(() -> units.release(unit.id(), clock.instant()))
                        .chain(() -> unit.status().isCommitted()
                                ? units.setStatus(unit.id(), UnitStatus.RETURNING, clock.instant())
                                : Uni.createFrom().voidItem());
            }
            return all.chain(() -> assigned.isEmpty()
                    ? Uni.createFrom().item(List.<UnitState>of())
                    : units.find(assigned.stream().map(UnitState::id).toList()));
        }));
    }

    /** A merge: the units serving one incident now serve the other. */
    public Uni<Void> moveAssignments(UUID fromIncident, UUID toIncident) {
        return transactions.inTransaction(() -> units.moveAssignments(fromIncident, toIncident));
    }

    public Uni<List<Assignment>> assignmentsOf(UUID incidentId) {
        return units.assignmentsOf(incidentId);
    }

    /** The unit board: every unit of the actor's provinces (all for supervisors). */
    public Uni<List<UnitState>> board(Actor actor) {
        if (actor.isSupervisor()) {
            return units.all();
        }
        return actor.provinces().isEmpty() ? Uni.createFrom().item(List.of()) : units.inProvinces(actor.provinces());
    }
}
