package vn.baochay.alert;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Actor;
import vn.baochay.common.FieldError;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.NotFound;
import vn.baochay.common.OutOfJurisdiction;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;
import vn.baochay.incident.IncidentEvent;
import vn.baochay.incident.IncidentLog;
import vn.baochay.incident.IncidentQueries;

/**
 * Area alerts: issued, updated and cancelled by dispatchers within their provinces (supervisors
 * anywhere). Each change is one transaction: the alert's new state, its CAP message (kept as
 * published), the audit record, and the event in the log from which consoles hear of it and the push
 * relay warns the phones in the area.
 *
 * <p>Longer than most classes: issue, update and cancel share the one publishing path (CAP, audit, log)
 * and the checks of who may change what.
 */
@ApplicationScoped
public class AlertService {

    /** How long an ended alert stays in the dispatchers' list and the Atom feed (as its Cancel). */
    static final Duration RECENTLY_ENDED = Duration.ofHours(24);
    static final int LIST_LIMIT = 200;

    /** What a dispatcher sends to issue or update an alert (validated by the resource). */
    public record Draft(AlertKind event, String severity, String urgency, String certainty, Texts headline,
                        Texts instruction, AlertArea area, Instant expiresAt, UUID incidentId) {
    }

    private final Transactions transactions;
    private final AlertRepository alerts;
    private final CapMessage cap;
    private final IncidentLog log;
    private final IncidentQueries incidents;
    private final AuditTrail audit;
    private final Clock clock;

    AlertService(Transactions transactions, AlertRepository alerts, CapMessage cap, IncidentLog log,
                 IncidentQueries incidents, AuditTrail audit, Clock clock) {
        this.transactions = transactions;
        this.alerts = alerts;
        this.cap = cap;
        this.log = log;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Alert.ForDispatch> issue(Draft draft, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AlertRules.checkShapeAndTime(draft, now);
        UUID id = UUID.randomUUID();
        return checkIncident(draft.incidentId(), actor).chain(() -> transactions.inTransaction(() ->
                placed(draft.area(), actor).chain(shape -> {
                    StoredAlert alert = new StoredAlert(id, 1, "Alert", "ACTIVE", draft.event(), draft.severity(),
                            draft.urgency(), draft.certainty(), draft.headline(), draft.instruction(), draft.area(),
                            shape.provinces(), draft.incidentId(), actor.username(), now, actor.username(), now,
                            draft.expiresAt(), null);
                    return alerts.insert(alert, shape.footprintWkt())
                            .chain(() -> publish(alert, List.of(), "AlertIssued", "ALERT_ISSUED", actor, now));
                })));
    }

    /** A new revision replacing {@code revision} (else stale-version): new text, area or expiry. */
    public Uni<Alert.ForDispatch> update(UUID id, int revision, Draft draft, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AlertRules.checkShapeAndTime(draft, now);
        return checkIncident(draft.incidentId(), actor).chain(() -> transactions.inTransaction(() -> alerts.lock(id)
                .map(current -> changeable(current, id, revision, actor, now))
                .chain(current -> placed(draft.area(), actor).chain(shape -> alerts.revisions(id).chain(earlier -> {
                    StoredAlert alert = new StoredAlert(id, current.revision() + 1, "Update", "ACTIVE", draft.event(),
                            draft.severity(), draft.urgency(), draft.certainty(), draft.headline(),
                            draft.instruction(), draft.area(), shape.provinces(), draft.incidentId(),
                            current.issuedBy(), current.issuedAt(), actor.username(), later(now, earlier),
                            draft.expiresAt(), null);
                    return alerts.update(alert, shape.footprintWkt())
                            .chain(() -> publish(alert, earlier, "AlertUpdated", "ALERT_UPDATED", actor, now));
                })))));
    }

    /** Ends the alert before its expiry; phones in the area hear that it is over. */
    public Uni<Alert.ForDispatch> cancel(UUID id, int revision, String reason, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return transactions.inTransaction(() -> alerts.lock(id)
                .map(current -> changeable(current, id, revision, actor, now))
                .chain(current -> alerts.revisions(id).chain(earlier -> {
                    StoredAlert alert = new StoredAlert(id, current.revision() + 1, "Cancel", "CANCELLED",
                            current.event(), current.severity(), current.urgency(), current.certainty(),
                            current.headline(), current.instruction(), current.area(), current.provinces(),
                            current.incidentId(), current.issuedBy(), current.issuedAt(), actor.username(),
                            later(now, earlier), current.expires(), reason);
                    return alerts.update(alert, null)
                            .chain(() -> publish(alert, earlier, "AlertCancelled", "ALERT_CANCELLED", actor, now));
                })));
    }

    /** Alerts in force, and those ended in the last 24 hours, of the actor's provinces. */
    public Uni<List<Alert.ForDispatch>> forConsole(Actor actor) {
        Instant now = clock.instant();
        return transactions.inSession(() -> alerts.current(now, now.minus(RECENTLY_ENDED), null, null, LIST_LIMIT)
                .chain(list -> {
                    List<StoredAlert> visible = list.stream()
                            .filter(a -> a.provinces().stream().anyMatch(actor::covers)).toList();
                    Uni<List<Alert.ForDispatch>> all = Uni.createFrom().item(new ArrayList<>());
                    for (StoredAlert a : visible) {
                        all = all.chain(views -> alerts.revisions(a.id()).map(history -> {
                            views.add(Alert.ForDispatch.of(a, CapMessage.identifier(a.id(), a.revision()), now, history));
                            return views;
                        }));
                    }
                    return all;
                }));
    }

    /** What the public sees: alerts in force (at {@code point}, when given); {@code withEnded} adds recent Cancels. */
    public Uni<List<Alert>> current(GeoPoint point, boolean withEnded) {
        Instant now = clock.instant();
        return transactions.inSession(() -> alerts.current(now, withEnded ? now.minus(RECENTLY_ENDED) : null,
                        point == null ? null : point.lat(), point == null ? null : point.lon(), LIST_LIMIT))
                .map(list -> list.stream().map(a -> Alert.of(a, CapMessage.identifier(a.id(), a.revision()), now))
                        .toList());
    }

    /** The latest CAP message of the alert, as published. */
    public Uni<String> capOf(UUID id) {
        return transactions.inSession(() -> alerts.latestCap(id))
                .onItem().ifNull().failWith(() -> new NotFound("alert", id));
    }

    private Uni<Alert.ForDispatch> publish(StoredAlert alert, List<Alert.Revision> earlier, String change,
                                           String action, Actor actor, Instant now) {
        String message = cap.write(alert, earlier);
        List<Alert.Revision> history = new ArrayList<>(earlier);
        history.add(new Alert.Revision(alert.revision(), alert.msgType(), alert.sent(), actor.username()));
        String identifier = CapMessage.identifier(alert.id(), alert.revision());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("alertId", alert.id());
        detail.put("revision", alert.revision());
        detail.put("msgType", alert.msgType());
        detail.put("provinces", alert.provinces());
        detail.put("headline", alert.headline().vi());
        if (alert.cancelReason() != null) {
            detail.put("reason", alert.cancelReason());
        }
        return alerts.insertRevision(alert.id(), alert.revision(), alert.msgType(), alert.sent(), actor.username(),
                        message)
                .chain(() -> audit.record(actor, action, alert.incidentId(), null, detail))
                .chain(() -> log.announce(new IncidentEvent.AlertChanged(change, actor.username(),
                        Alert.of(alert, identifier, now), alert.provinces(), alert.incidentId(), now)))
                .replaceWith(Alert.ForDispatch.of(alert, identifier, now, history));
    }

    /**
     * A revision's {@code sent} is later than every earlier one's: CAP's references name messages by
     * (sender, identifier, sent), and receivers order revisions by it.
     */
    private static Instant later(Instant now, List<Alert.Revision> earlier) {
        Instant last = earlier.isEmpty() ? Instant.MIN : earlier.get(earlier.size() - 1).sent();
        return now.isAfter(last) ? now : last.plusSeconds(1);
    }

    private StoredAlert changeable(StoredAlert current, UUID id, int revision, Actor actor, Instant now) {
        if (current == null || current.provinces().stream().noneMatch(actor::covers)) {
            throw new NotFound("alert", id);
        }
        if (!current.provinces().stream().allMatch(actor::covers)) {
            throw new OutOfJurisdiction("The alert's area reaches beyond your provinces " + actor.provinces());
        }
        if (current.revision() != revision) {
            throw new Rejection(Reason.STALE_VERSION, "The alert is at revision " + current.revision()
                    + ", not " + revision + ": reload it");
        }
        String state = current.stateAt(now);
        if (!"ACTIVE".equals(state)) {
            throw new Rejection(Reason.ILLEGAL_TRANSITION, "The alert is " + state.toLowerCase(java.util.Locale.ROOT)
                    + " and can no longer change");
        }
        return current;
    }

    private Uni<AlertRepository.Shape> placed(AlertArea area, Actor actor) {
        return alerts.shape(area).invoke(shape -> AlertRules.checkPlace(shape, actor));
    }

    /** An incident the alert names must exist and be the actor's to see (else it is not found). */
    private Uni<Void> checkIncident(UUID incidentId, Actor actor) {
        if (incidentId == null) {
            return Uni.createFrom().voidItem();
        }
        return incidents.summary(incidentId).invoke(incident -> {
            if (incident == null || !actor.covers(incident.province())) {
                throw new Rejection(Reason.INVALID_REQUEST, "No incident " + incidentId,
                        List.of(new FieldError("incidentId", "no such incident in your provinces")));
            }
        }).replaceWithVoid();
    }
}
