package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import vn.baochay.common.Actor;
import vn.baochay.common.NotFound;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;

/**
 * What the conversation between an incident's reporters and its dispatchers does to the incident:
 * each message appends a {@code MessageSent} event (so consoles see it live and the push relay
 * announces it), and the incident counts the reporters' messages no dispatcher has read yet.
 * The messages themselves are the conversation feature's; this runs in its transaction.
 */
@ApplicationScoped
public class IncidentConversation {

    public static final String REPORTER = "REPORTER";
    public static final String DISPATCHER = "DISPATCHER";

    private final Transactions transactions;
    private final IncidentRepository incidents;
    private final CitizenReportRepository reports;
    private final IncidentChanges changes;
    private final Clock clock;

    IncidentConversation(Transactions transactions, IncidentRepository incidents, CitizenReportRepository reports,
                         IncidentChanges changes, Clock clock) {
        this.transactions = transactions;
        this.incidents = incidents;
        this.reports = reports;
        this.changes = changes;
        this.clock = clock;
    }

    /** A reporter wrote about their report: its incident (as it now stands) has one more unread message. */
    public Uni<IncidentSummary> reporterWrote(UUID reportId, UUID messageId, String text) {
        return transactions.inTransaction(() -> reports.incidentOf(reportId)
                .onItem().ifNull().failWith(() -> new NotFound("report", reportId))
                .chain(incidents::lock)
                .chain(incident -> {
                    incident.reporterWrote();
                    return changes.record(incident, s -> new IncidentEvent.MessageSent(null, messageId, REPORTER,
                            reportId, text, s, clock.instant()));
                }));
    }

    /**
     * A dispatcher of the incident's province wrote to one of its reporters ({@code reportId}) or to all
     * of them (null). Writing answers the reporters, so nothing is unread afterwards.
     */
    public Uni<IncidentSummary> dispatcherWrote(UUID incidentId, UUID messageId, UUID reportId, String text,
                                                Actor actor) {
        return transactions.inTransaction(() -> incidents.lock(incidentId)
                .map(incident -> Jurisdiction.visible(incident, incidentId, actor))
                .call(incident -> reportId == null ? Uni.createFrom().voidItem() : reports.incidentOf(reportId)
                        .invoke(of -> {
                            if (!incidentId.equals(of)) {
                                throw new Rejection(Reason.INVALID_REQUEST, "Report " + reportId
                                        + " is not one of this incident's reports");
                            }
                        }))
                .chain(incident -> {
                    incident.conversationRead();
                    return changes.record(incident, s -> new IncidentEvent.MessageSent(actor.username(), messageId,
                            DISPATCHER, reportId, text, s, clock.instant()));
                }));
    }

    /** A dispatcher read the reporters' messages; when none was unread, nothing changes. */
    public Uni<IncidentSummary> read(UUID incidentId, Actor actor) {
        return transactions.inTransaction(() -> incidents.lock(incidentId)
                .map(incident -> Jurisdiction.visible(incident, incidentId, actor))
                .chain(incident -> {
                    if (incident.unreadMessages == 0) {
                        return Uni.createFrom().item(IncidentSummary.of(incident));
                    }
                    incident.conversationRead();
                    return changes.record(incident,
                            s -> new IncidentEvent.MessagesRead(actor.username(), s, clock.instant()));
                }));
    }
}
