package vn.baochay.conversation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Actor;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;
import vn.baochay.incident.IncidentConversation;
import vn.baochay.report.ReportService;

/**
 * The conversation between a report's reporter (authorised by the report's token) and the dispatchers
 * of its incident's province. Each message is stored, reaches its reports, appends its
 * {@code MessageSent} event (live consoles, push) and its audit record, all in one transaction.
 */
@ApplicationScoped
public class ConversationService {

    /** Messages a reporter's poll receives at most. */
    static final int PAGE = 200;
    /** Messages an incident's detail shows (the latest). */
    static final int INCIDENT_LIMIT = 500;

    private final Transactions transactions;
    private final ReportService reports;
    private final MessageRepository messages;
    private final IncidentConversation incidents;
    private final AuditTrail audit;
    private final Clock clock;

    ConversationService(Transactions transactions, ReportService reports, MessageRepository messages,
                        IncidentConversation incidents, AuditTrail audit, Clock clock,
                        vn.baochay.flood.FloodControl flood) {
        this.flood = flood;
        this.transactions = transactions;
        this.reports = reports;
        this.messages = messages;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    private final vn.baochay.flood.FloodControl flood;

    /** Whether a message was stored now or was a retry of one already stored. */
    public record Outcome(Message message, boolean created) {
    }

    /**
     * A reporter writes about their report; the same clientMessageId again is a retry (or a conflict).
     * A new message takes a flood-control token first (a retry never does), outside the transaction.
     */
    public Uni<Outcome> reporterWrites(UUID reportId, String authorization, UUID clientMessageId, String text,
                                       String address) {
        return reports.authorise(reportId, authorization)
                .chain(() -> transactions.inSession(() -> messages.findByClientId(reportId, clientMessageId)))
                .chain(existing -> existing != null ? Uni.createFrom().voidItem() : flood.reporterMessage(reportId))
                .chain(() -> transactions.inTransaction(() -> messages
                .lock(reportId, clientMessageId)
                .chain(() -> messages.findByClientId(reportId, clientMessageId))
                .chain(existing -> {
                    if (existing != null) {
                        if (!existing.text().equals(text)) {
                            throw new Rejection(Reason.IDEMPOTENCY_CONFLICT, "clientMessageId " + clientMessageId
                                    + " was already used for another message. Use a new clientMessageId.");
                        }
                        return Uni.createFrom().item(new Outcome(toReporter(existing), false));
                    }
                    UUID id = UUID.randomUUID();
                    Instant at = now();
                    return messages.insert(id, IncidentConversation.REPORTER, null, reportId, false, clientMessageId,
                                    text, at)
                            .call(() -> messages.deliverTo(id, reportId))
                            .call(() -> incidents.reporterWrote(reportId, id, text)
                                    .call(incident -> audit.record("reporter", address, "MESSAGE_FROM_REPORTER",
                                            incident.id(), null, Map.of("reportId", reportId, "messageId", id))))
                            .map(seq -> new Outcome(new Message(seq, id, IncidentConversation.REPORTER, text, at,
                                    clientMessageId), true));
                })));
    }

    /** The reporter's conversation after {@code after}: what they wrote and what dispatchers wrote to them. */
    public Uni<Message.Page> reporterReads(UUID reportId, String authorization, long after) {
        return reports.authorise(reportId, authorization).chain(() -> transactions.inSession(() -> messages
                .ofReport(reportId, after, PAGE)
                .chain(page -> messages.countAndLast(reportId)
                        .map(counts -> new Message.Page(page.stream().map(ConversationService::toReporter).toList(),
                                counts[1])))));
    }

    /** How many messages a report's conversation has and its last seq, for the reporter's status view. */
    public Uni<long[]> countAndLast(UUID reportId) {
        return messages.countAndLast(reportId);
    }

    /** A dispatcher of the incident's province writes to one of its reports, or to all of them (null). */
    public Uni<Message.ForDispatcher> dispatcherWrites(UUID incidentId, UUID reportId, String text, Actor actor) {
        UUID id = UUID.randomUUID();
        Instant at = now();
        return transactions.inTransaction(() -> messages.insert(id, IncidentConversation.DISPATCHER, actor.username(),
                        reportId, reportId == null, null, text, at)
                .call(() -> reportId == null ? messages.deliverToAllReportsOf(id, incidentId)
                        : messages.deliverTo(id, reportId))
                .call(() -> audit.record(actor, "MESSAGE", incidentId, null, reportId == null
                        ? Map.of("messageId", id, "to", "all") : Map.of("messageId", id, "reportId", reportId)))
                .call(() -> incidents.dispatcherWrote(incidentId, id, reportId, text, actor))
                .map(seq -> new Message.ForDispatcher(seq, id, incidentId, reportId, IncidentConversation.DISPATCHER,
                        actor.username(), text, at)));
    }

    public Uni<Void> markRead(UUID incidentId, Actor actor) {
        return incidents.read(incidentId, actor).replaceWithVoid();
    }

    /** The incident's conversation for its detail (the caller has checked the dispatcher may see it). */
    public Uni<List<Message.ForDispatcher>> ofIncident(UUID incidentId) {
        return messages.ofIncident(incidentId, INCIDENT_LIMIT).map(list -> list.stream()
                .map(m -> new Message.ForDispatcher(m.seq(), m.id(), incidentId, m.reportId(), m.from(), m.author(),
                        m.text(), m.sentAt())).toList());
    }

    private static Message toReporter(MessageRepository.Stored m) {
        return new Message(m.seq(), m.id(), m.from(), m.text(), m.sentAt(), m.clientMessageId());
    }

    /** To the microsecond the database keeps, so a retry's answer is the same to the letter. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
