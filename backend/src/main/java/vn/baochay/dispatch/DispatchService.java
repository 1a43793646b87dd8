package vn.baochay.dispatch;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import vn.baochay.alarm.AlarmService;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Actor;
import vn.baochay.common.Transactions;
import vn.baochay.conversation.ConversationService;
import vn.baochay.incident.IncidentActions;
import vn.baochay.incident.IncidentFilter;
import vn.baochay.incident.IncidentPage;
import vn.baochay.incident.IncidentQueries;
import vn.baochay.incident.IncidentStatus;
import vn.baochay.incident.IncidentSummary;
import vn.baochay.photo.PhotoService;
import vn.baochay.premises.PremisesCard;
import vn.baochay.premises.PremisesService;
import vn.baochay.station.StationPlace;
import vn.baochay.station.StationService;
import vn.baochay.station.UnitService;
import vn.baochay.station.UnitState;
import vn.baochay.station.UnitStatus;

/**
 * What dispatchers do to incidents and units. Each action is one transaction: the change, its
 * event in the log and its audit record commit together, or nothing does.
 */
@ApplicationScoped
public class DispatchService {

    /** Stations shown as recommended for an incident. */
    static final int RECOMMENDED_STATIONS = 5;

    private final Transactions transactions;
    private final IncidentQueries queries;
    private final IncidentActions incidents;
    private final UnitService units;
    private final StationService stations;
    private final AuditTrail audit;
    private final PhotoService photos;
    private final ConversationService conversation;
    private final PremisesService premises;
    private final AlarmService alarms;

    DispatchService(Transactions transactions, IncidentQueries queries, IncidentActions incidents, UnitService units,
                    StationService stations, AuditTrail audit, PhotoService photos,
                    ConversationService conversation,
                    PremisesService premises, AlarmService alarms) {
        this.transactions = transactions;
        this.queries = queries;
        this.incidents = incidents;
        this.units = units;
        this.stations = stations;
        this.audit = audit;
        this.photos = photos;
        this.conversation = conversation;
        this.premises = premises;
        this.alarms = alarms;
    }

    public Uni<IncidentPage> list(IncidentFilter filter, Actor actor) {
        return queries.list(filter, actor);
    }

    /** The detail view: reports with contacts, recommended stations and their units, assignments, notes, timeline. */
    public Uni<IncidentDetail> detail(UUID incidentId, Actor actor) {
        return queries.dispatchView(incidentId, actor).chain(view -> stations
                .nearest(view.incident().location().lat(), view.incident().location().lon(), RECOMMENDED_STATIONS)
                .chain(nearest -> units.assignmentsOf(incidentId)
                        .chain(assignments -> photos.ofReports(view.reports().stream()
                                        .map(vn.baochay.incident.DispatchView.Report::id).toList())
                                .chain(byReport -> conversation.ofIncident(incidentId)
                                        .chain(messages -> premisesCard(view.incident())
                                                .map(card -> IncidentDetail.of(view, byReport, nearest, assignments,
                                                        messages, card)))))));
    }

    /** The card of the premises whose fire-alarm transmitter signalled into the incident; null when none did. */
    private Uni<PremisesCard> premisesCard(IncidentSummary incident) {
        if (incident.premises() == null) {
            return Uni.createFrom().nullItem();
        }
        return alarms.fireZones(incident.id())
                .chain(zones -> premises.card(incident.premises().id(), zones));
    }

    public Uni<IncidentDetail> acknowledge(UUID incidentId, long version, Actor actor) {
        return transaction(incidentId, actor, "ACKNOWLEDGE", Map.of("version", version),
                () -> incidents.acknowledge(incidentId, version, actor));
    }

    /** Sends units; an incident that has ended refuses, and so does a unit that is not AVAILABLE. */
    public Uni<IncidentDetail> dispatch(UUID incidentId, long version, List<String> unitIds, Actor actor) {
        return transaction(incidentId, actor, "DISPATCH_UNITS", Map.of("version", version, "units", unitIds),
                () -> incidents.checkDispatchable(incidentId, version, actor)
                        .chain(incident -> stations.nearest(incident.location().lat(), incident.location().lon(),
                                RECOMMENDED_STATIONS))
                        .chain(nearest -> units.dispatch(unitIds, incidentId, actor,
                                nearest.stream().map(vn.baochay.station.NearbyStation::id)
                                        .collect(java.util.stream.Collectors.toSet())))
                        .chain(sent -> incidents.recordDispatch(incidentId, version, sent, actor)));
    }

    /** Moves the incident's status; when it ends (CLOSED, FALSE_ALARM) its units are released. */
    public Uni<IncidentDetail> changeStatus(UUID incidentId, long version, IncidentStatus to, String reason,
                                            Actor actor) {
        return transaction(incidentId, actor, "CHANGE_STATUS",
                reason == null ? Map.of("to", to) : Map.of("to", to, "reason", reason),
                () -> incidents.changeStatus(incidentId, version, to, reason, actor)
                        .call(summary -> to.isOpen() ? Uni.createFrom().voidItem() : releaseUnits(incidentId, actor)));
    }

    /** A supervisor gives the incident to another province. */
    public Uni<IncidentDetail> reassignProvince(UUID incidentId, long version, String province, String reason,
                                                Actor actor) {
        return transaction(incidentId, actor, "REASSIGN_PROVINCE",
                reason == null ? Map.of("province", province) : Map.of("province", province, "reason", reason),
                () -> incidents.reassignProvince(incidentId, version, province, reason, actor));
    }

    /** How many open incidents of each status the actor's provinces have, for a console under a flood. */
    public Uni<vn.baochay.incident.OpenIncidents.Counts> openCounts(Actor actor) {
        return queries.openCounts(actor);
    }

    public Uni<IncidentDetail> addNote(UUID incidentId, String text, Actor actor) {
        return transaction(incidentId, actor, "ADD_NOTE", Map.of("text", text),
                () -> incidents.addNote(incidentId, text, actor));
    }

    /** Merges one incident into another; its units go with it. Answers the incident it was merged into. */
    public Uni<IncidentDetail> merge(UUID incidentId, long version, UUID intoId, Actor actor) {
        return transactions.inTransaction(() -> incidents.merge(incidentId, version, intoId, actor)
                        .call(() -> units.moveAssignments(incidentId, intoId))
                        .call(() -> audit.record(actor, "MERGE", incidentId, null,
                                Map.of("version", version, "into", intoId.toString()))))
                .chain(target -> detail(target.id(), actor));
    }

    /**
     * A dispatcher may set the status of their provinces' units, and of any unit serving an incident in
     * their provinces (units can be sent across a border).
     */
    public Uni<UnitState> changeUnitStatus(String unitId, UnitStatus status, Actor actor) {
        return transactions.inTransaction(() -> units
                        .changeStatus(unitId, status, actor, incidentId -> queries.summary(incidentId)
                                .map(i -> i != null && actor.covers(i.province())))
                        .call(change -> incidents.recordUnitChange(change.unit(), change.incidentId(), actor))
                        .call(change -> audit.record(actor, "UNIT_STATUS", change.incidentId(), unitId,
                                Map.of("status", status)))
                        .map(UnitService.UnitChange::unit));
    }

    public Uni<List<UnitState>> unitBoard(Actor actor) {
        return units.board(actor);
    }

    public Uni<List<StationPlace>> stations(Actor actor) {
        return stations.of(actor);
    }

    private Uni<Void> releaseUnits(UUID incidentId, Actor actor) {
        return units.releaseAll(incidentId).chain(released -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UnitState unit : released) {
                all = all.chain(() -> incidents.recordUnitChange(unit, incidentId, actor));
            }
            return all;
        });
    }

    private Uni<IncidentDetail> transaction(UUID incidentId, Actor actor, String action, Map<String, ?> detail,
                                            Supplier<Uni<IncidentSummary>> work) {
        return transactions.inTransaction(() -> work.get()
                        .call(() -> audit.record(actor, action, incidentId, null, detail)))
                .chain(() -> detail(incidentId, actor));
    }
}
