package vn.baochay.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.Actor;
import vn.baochay.common.JsonText;
import vn.baochay.common.NotFound;
import vn.baochay.common.Transactions;

/** What citizens and dispatchers read about incidents. Reads only; each on one session. */
@ApplicationScoped
public class IncidentQueries {

    /** The most events a detail's timeline shows (the latest ones). */
    static final int TIMELINE_LIMIT = 1000;
    /** The most open incidents a live console's snapshot carries. */
    static final int SNAPSHOT_LIMIT = 500;
    /** More incidents than this being handled at once in one console's provinces is beyond any real day. */
    static final int HANDLED_LIMIT = 5000;

    private final Transactions transactions;
    private final IncidentRepository incidents;
    private final CitizenReportRepository reports;
    private final NoteRepository notes;
    private final EventLogRepository events;
    private final ObjectMapper json;

    IncidentQueries(Transactions transactions, IncidentRepository incidents, CitizenReportRepository reports,
                    NoteRepository notes, EventLogRepository events, ObjectMapper json) {
        this.transactions = transactions;
        this.incidents = incidents;
        this.reports = reports;
        this.notes = notes;
        this.events = events;
        this.json = json;
    }

    /** The citizen view: the incident alone, none of its reports, its position rounded (IncidentView). */
    public Uni<IncidentView> citizenView(UUID incidentId) {
        return transactions.inSession(() -> incidents.find(incidentId)
                .onItem().ifNull().failWith(() -> new NotFound("incident", incidentId))
                .map(IncidentView::of));
    }

    /** What a dispatcher sees of one incident; refused when missing or outside the actor's provinces. */
    public Uni<DispatchView> dispatchView(UUID incidentId, Actor actor) {
        return transactions.inSession(() -> incidents.find(incidentId)
                .map(incident -> Jurisdiction.visible(incident, incidentId, actor))
                .chain(incident -> reports.of(incidentId)
                        .chain(list -> notes.of(incidentId)
                                .chain(noteList -> timeline(incidentId)
                                        .map(timeline -> DispatchView.of(incident, list, noteList, timeline))))));
    }

    /** A page of incidents in the actor's provinces, NEW first, then the most recently reported. */
    public Uni<IncidentPage> list(IncidentFilter filter, Actor actor) {
        return transactions.inSession(() -> incidents.page(filter, actor.isSupervisor() ? null : actor.provinces())
                .map(page -> new IncidentPage(page.items().stream().map(IncidentSummary::of).toList(),
                        filter.page(), filter.size(), page.total())));
    }

    /**
     * Open incidents in the actor's provinces, as a live console's snapshot starts: all those being
     * handled (up to {@value #HANDLED_LIMIT}), the {@value #SNAPSHOT_LIMIT} NEW ones to see first, and
     * the true counts.
     */
    public Uni<OpenIncidents> openIncidents(Actor actor) {
        return transactions.inSession(() -> incidents.open(actor.isSupervisor() ? null : actor.provinces(),
                SNAPSHOT_LIMIT, HANDLED_LIMIT).map(OpenIncidents::of));
    }

    /** How many open incidents of each status the actor's provinces have now. */
    public Uni<OpenIncidents.Counts> openCounts(Actor actor) {
        return transactions.inSession(() -> incidents.open(actor.isSupervisor() ? null : actor.provinces(), 0, 0)
                .map(rows -> OpenIncidents.Counts.of(rows.counts())));
    }

    /** An incident as it stands, for checks made by other features (e.g. its province); null when there is none. */
    public Uni<IncidentSummary> summary(UUID incidentId) {
        return transactions.inSession(() -> incidents.find(incidentId)
                .map(incident -> incident == null ? null : IncidentSummary.of(incident)));
    }

    /** The incident a report belongs to now, as it stands; null when there is no such report. */
    public Uni<IncidentSummary> incidentOfReport(UUID reportId) {
        return transactions.inSession(() -> reports.incidentOf(reportId)
                .chain(incidentId -> incidentId == null ? Uni.createFrom().nullItem() : incidents.find(incidentId))
                .map(incident -> incident == null ? null : IncidentSummary.of(incident)));
    }

    /** When the incident last changed (its latest event); null when it has none. */
    public Uni<java.time.Instant> lastChangeAt(UUID incidentId) {
        return events.latestOf(incidentId, 1)
                .map(list -> list.isEmpty() ? null : java.time.Instant.parse(list.get(0).occurredAt()));
    }

    private Uni<List<TimelineEntry>> timeline(UUID incidentId) {
        return events.latestOf(incidentId, TIMELINE_LIMIT)
                .map(list -> list.stream().map(event -> TimelineEntry.of(event, JsonText.tree(json, event.payload()))).toList());
    }
}
