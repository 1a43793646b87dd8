package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.Actor;
import vn.baochay.common.ProblemException;
import vn.baochay.common.ProblemType;
import vn.baochay.station.UnitState;

/**
 * Turns citizen reports into incidents (one per fire, however many people report it) and applies
 * dispatcher actions to them. Every change appends its event in the same transaction.
 */
@ApplicationScoped
public class IncidentService {

    private final Mutiny.SessionFactory sessions;
    private final IncidentRepository incidents;
    private final EventLog events;
    private final MergePolicy policy;
    private final Clock clock;

    IncidentService(Mutiny.SessionFactory sessions, IncidentRepository incidents, EventLog events, MergePolicy policy,
                    Clock clock) {
        this.sessions = sessions;
        this.incidents = incidents;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Stores the report and joins it to the nearest open incident of its kind within the merge radius
     * and window, or opens a new incident. Runs in the caller's transaction when there is one.
     *
     * <p>Race-free: the decision holds advisory locks on the grid cells around the report, so two
     * simultaneous first reports of one fire cannot both open an incident; the second waits and joins.
     * The change and its event are committed together.
     */
    public Uni<Admission> admit(IncomingReport report) {
        double radiusM = policy.searchRadiusM(report.accuracyM());
        double weight = policy.weight(report.accuracyM());
        return sessions.withTransaction(session -> incidents
                .lockMergeCells(session, report.kind(), policy.cellsAround(report.lat(), report.lon(), radiusM))
                .chain(() -> incidents.findMergeCandidate(session, report.kind(), report.lat(), report.lon(), radiusM,
                        policy.oldestJoinableReport(report.receivedAt())))
                .chain(candidate -> candidate == null
                        ? open(session, report, weight)
                        : join(session, candidate, report, weight)));
    }

    private Uni<Admission> open(Mutiny.Session session, IncomingReport report, double weight) {
        Incident incident = Incident.open(report.kind(), report.lat(), report.lon(), weight, report.receivedAt());
        CitizenReport stored = CitizenReport.of(report, incident.id());
        return session.persist(incident)
                .chain(() -> session.persist(stored))
                .chain(() -> written(session, incident,
                        summary -> new IncidentEvent.IncidentOpened(stored.id, summary, report.receivedAt())))
                .map(summary -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(), false));
    }

    private Uni<Admission> join(Mutiny.Session session, UUID incidentId, IncomingReport report, double weight) {
        return session.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE).chain(incident -> {
            incident.join(report.lat(), report.lon(), weight, report.receivedAt());
            CitizenReport stored = CitizenReport.of(report, incident.id());
            return session.persist(stored)
                    .chain(() -> written(session, incident,
                            summary -> new IncidentEvent.ReportJoined(stored.id, summary, report.receivedAt())))
                    .map(summary -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(),
                            true));
        });
    }

    /**
     * Writes the incident, reads back what the database derived (its province), and appends the
     * event last: the event log's counter row stays locked until commit.
     */
    private Uni<IncidentSummary> written(Mutiny.Session session, Incident incident,
                                         java.util.function.Function<IncidentSummary, IncidentEvent> event) {
        return session.flush()
                .chain(() -> incidents.provinceOf(session, incident.id()))
                .invoke(province -> incident.province = province)
                .map(ignored -> IncidentSummary.of(incident))
                .call(summary -> events.append(session, event.apply(summary)));
    }

    // ---- Reads -------------------------------------------------------------------------------

    /** The incident with its reports, oldest first; null when there is no such incident. */
    public Uni<IncidentView> find(UUID incidentId) {
        return sessions.withSession(session -> session.find(Incident.class, incidentId)
                .chain(incident -> incident == null
                        ? Uni.createFrom().nullItem()
                        : incidents.reportsOf(session, incidentId).map(reports -> IncidentView.of(incident, reports))));
    }

    /** What a dispatcher sees of one incident; 404 when missing, 403 outside the actor's provinces. */
    public Uni<DispatchView> dispatchView(UUID incidentId, Actor actor) {
        return sessions.withSession(session -> session.find(Incident.class, incidentId)
                .map(incident -> visible(incident, incidentId, actor))
                .chain(incident -> incidents.reportsOf(session, incidentId)
                        .chain(reports -> incidents.notesOf(session, incidentId)
                                .chain(notes -> incidents.timelineOf(session, incidentId)
                                        .map(timeline -> DispatchView.of(incident, reports, notes, timeline))))));
    }

    /** A page of incidents in the actor's provinces, NEW first, then the most recently reported. */
    public Uni<IncidentPage> list(IncidentFilter filter, Actor actor) {
        return sessions.withSession(session -> incidents.page(session, filter, actor)
                .map(page -> new IncidentPage(page.items().stream().map(IncidentSummary::of).toList(),
                        filter.page(), filter.size(), page.total())));
    }

    /** Open incidents in the actor's provinces, as a live console's snapshot starts. */
    public Uni<List<IncidentSummary>> openIncidents(Actor actor) {
        return list(IncidentFilter.open(500), actor).map(IncidentPage::items);
    }

    // ---- Dispatcher actions (each in the caller's transaction, checked, audited by the caller) ----

    /** Acknowledges a NEW incident; a second dispatcher is told who acknowledged it first. */
    public Uni<IncidentSummary> acknowledge(UUID incidentId, long version, Actor actor) {
        return act(incidentId, null, actor, (session, incident) -> {
            incident.acknowledge(actor.username());
            checkVersion(incident, version, 1);
            return written(session, incident,
                    s -> new IncidentEvent.IncidentAcknowledged(actor.username(), s, now()));
        });
    }

    public Uni<IncidentSummary> changeStatus(UUID incidentId, long version, IncidentStatus to, String reason,
                                             Actor actor) {
        return act(incidentId, version, actor, (session, incident) -> {
            IncidentStatus from = incident.status();
            incident.transition(to, actor.username(), actor.isSupervisor());
            return written(session, incident,
                    s -> new IncidentEvent.IncidentStatusChanged(actor.username(), from, to, reason, s, now()));
        });
    }

    /** Checks that units may be sent (exists, in jurisdiction, current version, open) and locks it. */
    public Uni<IncidentSummary> checkDispatchable(UUID incidentId, long version, Actor actor) {
        return act(incidentId, version, actor, (session, incident) -> {
            IncidentStateMachine.checkCanDispatch(incident);
            return Uni.createFrom().item(IncidentSummary.of(incident));
        });
    }

    /** Records units sent to the incident (assigned by the caller in this transaction). */
    public Uni<IncidentSummary> recordDispatch(UUID incidentId, long version, List<UnitState> units, Actor actor) {
        return act(incidentId, version, actor, (session, incident) -> {
            incident.unitsDispatched(actor.username());
            return written(session, incident,
                    s -> new IncidentEvent.UnitsDispatched(actor.username(), units, s, now()));
        });
    }

    public Uni<IncidentSummary> addNote(UUID incidentId, String text, Actor actor) {
        UUID noteId = UUID.randomUUID();
        return act(incidentId, null, actor, (session, incident) -> {
            incident.noted();
            return incidents.insertNote(session, noteId, incidentId, actor.username(), text, now())
                    .chain(() -> written(session, incident,
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
            return Uni.createFrom().failure(new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                    "An incident cannot be merged into itself"));
        }
        return sessions.withTransaction(session -> lockInOrder(session, incidentId, intoId)
                .chain(() -> act(incidentId, version, actor, (s1, merged) -> act(intoId, null, actor, (s2, target) -> {
                    if (!target.status().isOpen()) {
                        throw new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                                "Cannot merge into an incident that is " + target.status());
                    }
                    merged.mergedInto(target, actor.username());
                    target.absorb(merged);
                    return incidents.moveReports(session, incidentId, intoId)
                            .chain(() -> written(session, target,
                                    s -> new IncidentEvent.IncidentAbsorbed(actor.username(), incidentId, s, now())))
                            .call(() -> written(session, merged,
                                    s -> new IncidentEvent.IncidentMerged(actor.username(), intoId, s, now())));
                }))));
    }

    /** Appends a unit's change to the log, with the incident it serves or served (if any) as it stands. */
    public Uni<Void> recordUnitChange(UnitState unit, UUID incidentId, Actor actor) {
        return sessions.withTransaction(session -> (incidentId == null
                ? Uni.createFrom().<Incident>nullItem()
                : session.find(Incident.class, incidentId))
                .chain(incident -> events.append(session, new IncidentEvent.UnitStatusChanged(actor.username(), unit,
                        incident == null ? null : IncidentSummary.of(incident), now())))
                .replaceWithVoid());
    }

    /** An incident as it stands, for checks made by other features (e.g. its province); null when there is none. */
    public Uni<IncidentSummary> summary(UUID incidentId) {
        return sessions.withSession(session -> session.find(Incident.class, incidentId)
                .map(incident -> incident == null ? null : IncidentSummary.of(incident)));
    }

    private interface Action {
        Uni<IncidentSummary> apply(Mutiny.Session session, Incident incident);
    }

    /** Locks the incident row, checks it exists, is in the actor's provinces and (if given) is at that version. */
    private Uni<IncidentSummary> act(UUID incidentId, Long version, Actor actor, Action action) {
        return sessions.withTransaction(session -> session.find(Incident.class, incidentId,
                        LockModeType.PESSIMISTIC_WRITE)
                .map(incident -> visible(incident, incidentId, actor))
                .call(incident -> version == null || incident.revision() == version
                        ? Uni.createFrom().voidItem()
                        : incidents.lastDispatcherChange(session, incidentId)
                                .invoke(last -> checkVersion(incident, version, 0, last)))
                .chain(incident -> action.apply(session, incident)));
    }

    private Uni<Void> lockInOrder(Mutiny.Session session, UUID a, UUID b) {
        UUID first = a.compareTo(b) < 0 ? a : b;
        UUID second = first.equals(a) ? b : a;
        return session.find(Incident.class, first, LockModeType.PESSIMISTIC_WRITE)
                .chain(() -> session.find(Incident.class, second, LockModeType.PESSIMISTIC_WRITE))
                .replaceWithVoid();
    }

    private static Incident visible(Incident incident, UUID incidentId, Actor actor) {
        if (incident == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No incident " + incidentId);
        }
        if (!actor.covers(incident.province())) {
            throw new ProblemException(ProblemType.OUT_OF_JURISDICTION, "Incident " + incidentId + " is in "
                    + (incident.province() == null ? "no known province" : incident.province())
                    + ", outside your provinces " + actor.provinces());
        }
        return incident;
    }

    private static void checkVersion(Incident incident, long expected, int alreadyApplied) {
        checkVersion(incident, expected, alreadyApplied, null);
    }

    private static void checkVersion(Incident incident, long expected, int alreadyApplied,
                                     IncidentRepository.Change last) {
        if (incident.revision() - alreadyApplied != expected) {
            String who = last == null ? "" : " by " + last.actor() + " (" + last.type() + " at " + last.at() + ")";
            throw new ProblemException(ProblemType.STALE_VERSION, "Incident " + incident.id() + " changed" + who
                    + " since you loaded version " + expected + "; it is now version "
                    + (incident.revision() - alreadyApplied) + ". Reload it and try again.");
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
