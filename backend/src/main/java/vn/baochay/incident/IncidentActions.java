package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.Actor;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;
import vn.baochay.station.UnitState;

/**
 * What dispatchers do to incidents. Each action locks the incident row, checks that it exists, lies
 * in the actor's provinces and (where a version is given) has not changed since the dispatcher's
 * view, then writes the change and its event in the caller's transaction; the caller audits it.
 */
@ApplicationScoped
public class IncidentActions {

    private final Transactions transactions;
    private final IncidentRepository incidents;
    private final CitizenReportRepository reports;
    private final NoteRepository notes;
    private final EventLogRepository events;
    private final IncidentChanges changes;
    private final Clock clock;

    IncidentActions(Transactions transactions, IncidentRepository incidents, CitizenReportRepository reports,
                    NoteRepository notes, EventLogRepository events, IncidentChanges changes, Clock clock) {
        this.transactions = transactions;
        this.incidents = incidents;
        this.reports = reports;
        this.notes = notes;
        this.events = events;
        this.changes = changes;
        this.clock = clock;
    }

    /** Acknowledges a NEW incident; a second dispatcher is told who acknowledged it first. */
    public Uni<IncidentSummary> acknowledge(UUID incidentId, long version, Actor actor) {
        return act(incidentId, null, actor, incident -> {
            incident.acknowledge(actor.username());
            checkVersion(incident, version, 1, null);
            return changes.record(incident, s -> new IncidentEvent.IncidentAcknowledged(actor.username(), s, now()));
        });
    }

    /** Moves the status as the state machine allows; MERGED only comes from {@link #merge}, which names a target. */
    public Uni<IncidentSummary> changeStatus(UUID incidentId, long version, IncidentStatus to, String reason,
                                             Actor actor) {
        if (to == IncidentStatus.MERGED) {
            return Uni.createFrom().failure(new IllegalTransition(
                    "An incident becomes MERGED only by merging it into another (the merge action)"));
        }
        return act(incidentId, version, actor, incident -> {
            IncidentStatus from = incident.status();
            incident.transition(to, actor.username(), actor.isSupervisor());
            return changes.record(incident,
                    s -> new IncidentEvent.IncidentStatusChanged(actor.username(), from, to, reason, s, now()));
        });
    }

    /** Checks that units may be sent (exists, in jurisdiction, current version, open) and locks it. */
    public Uni<IncidentSummary> checkDispatchable(UUID incidentId, long version, Actor actor) {
        return act(incidentId, version, actor, incident -> {
            IncidentStateMachine.checkCanDispatch(incident);
            return Uni.createFrom().item(IncidentSummary.of(incident));
        });
    }

    /** Records units sent to the incident (assigned by the caller in this transaction). */
    public Uni<IncidentSummary> recordDispatch(UUID incidentId, long version, List<UnitState> units, Actor actor) {
        return act(incidentId, version, actor, incident -> {
            incident.unitsDispatched(actor.username());
            return changes.record(incident, s -> new IncidentEvent.UnitsDispatched(actor.username(), units, s, now()));
        });
    }

    public Uni<IncidentSummary> addNote(UUID incidentId, String text, Actor actor) {
        UUID noteId = UUID.randomUUID();
        return act(incidentId, null, actor, incident -> {
            incident.noted();
            return notes.insert(noteId, incidentId, actor.username(), text, now())
                    .chain(() -> changes.record(incident,
                            s -> new IncidentEvent.NoteAdded(actor.username(), noteId, text, s, now())));
        });
    }

    /**
     * Merges {@code incidentId} into {@code intoId}: its reports move over, the target's count, times
     * and position take them in, and the merged incident ends as MERGED. Both are locked in id order.
     * Answers the target as it now stands.
     */
    public Uni<IncidentSummary> merge(UUID incidentId, long version, UUID intoId, Actor actor) {
        if (incidentId.equals(intoId)) {
            return Uni.createFrom().failure(new IllegalTransition("An incident cannot be merged into itself"));
        }
        UUID first = incidentId.compareTo(intoId) < 0 ? incidentId : intoId;
        UUID second = first.equals(incidentId) ? intoId : incidentId;
        return transactions.inTransaction(() -> incidents.lock(first).chain(() -> incidents.lock(second))
                .chain(() -> act(incidentId, version, actor, merged -> act(intoId, null, actor, target -> {
                    if (!target.status().isOpen()) {
                        throw new IllegalTransition("Cannot merge into an incident that is " + target.status());
                    }
                    merged.mergedInto(target, actor.username());
                    target.absorb(merged);
                    return reports.moveAll(incidentId, intoId)
                            .chain(() -> changes.record(target,
                                    s -> new IncidentEvent.IncidentAbsorbed(actor.username(), incidentId, s, now())))
                            .call(() -> changes.record(merged,
                                    s -> new IncidentEvent.IncidentMerged(actor.username(), intoId, s, now())));
                }))));
    }

    /**
     * A supervisor gives an open incident to another province's dispatchers, e.g. when the first
     * report placed it across a border. The incident's province never changes otherwise.
     */
    public Uni<IncidentSummary> reassignProvince(UUID incidentId, long version, String province, String reason,
                                                 Actor actor) {
        if (!actor.isSupervisor()) {
            return Uni.createFrom().failure(new Rejection(Reason.FORBIDDEN,
                    "Only a supervisor can give an incident to another province"));
        }
        return act(incidentId, version, actor, incident -> {
            if (!incident.status().isOpen()) {
                throw new IllegalTransition("An incident that is " + incident.status() + " keeps its province");
            }
            if (province.equals(incident.province())) {
                throw Rejection.invalid("province", "is the incident's province already");
            }
            return incidents.provinceExists(province).chain(exists -> {
                if (!exists) {
                    throw Rejection.invalid("province", "is not one of the provinces");
                }
                String from = incident.province();
                incident.reassign(province);
                return incidents.setProvince(incidentId, province).chain(() -> changes.record(incident,
                        s -> new IncidentEvent.ProvinceReassigned(actor.username(), from, province, reason, s, now())));
            });
        });
    }

    /** Appends a unit's change to the log, with the incident it serves or served (if any) as it stands. */
    public Uni<Void> recordUnitChange(UnitState unit, UUID incidentId, Actor actor) {
        return transactions.inTransaction(() -> (incidentId == null
                ? Uni.createFrom().<Incident>nullItem() : incidents.find(incidentId))
                .chain(incident -> events.append(new IncidentEvent.UnitStatusChanged(actor.username(), unit,
                        incident == null ? null : IncidentSummary.of(incident), now())))
                .replaceWithVoid());
    }

    /** Appends that a reporter added a photo, with the incident of that report as it stands. */
    public Uni<Void> recordPhotoAdded(UUID reportId, UUID photoId, boolean hasLocation, Instant at) {
        return transactions.inTransaction(() -> reports.incidentOf(reportId)
                .chain(incidents::find)
                .chain(incident -> events.append(new IncidentEvent.PhotoAdded(reportId, photoId, hasLocation,
                        IncidentSummary.of(incident), at)))
                .replaceWithVoid());
    }

    private interface Action {
        Uni<IncidentSummary> apply(Incident incident);
    }

    /** Locks the incident row, checks it exists, is in the actor's provinces and (if given) is at that version. */
    private Uni<IncidentSummary> act(UUID incidentId, Long version, Actor actor, Action action) {
        return transactions.inTransaction(() -> incidents.lock(incidentId)
                .map(incident -> Jurisdiction.visible(incident, incidentId, actor))
                .call(incident -> version == null || incident.revision() == version
                        ? Uni.createFrom().voidItem()
                        : events.lastDispatcherChange(incidentId)
                                .invoke(last -> checkVersion(incident, version, 0, last)))
                .chain(action::apply));
    }

    private static void checkVersion(Incident incident, long expected, int alreadyApplied,
                                     StaleVersion.LastChange last) {
        if (incident.revision() - alreadyApplied != expected) {
            throw new StaleVersion(incident.id(), expected, incident.revision() - alreadyApplied, last);
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
