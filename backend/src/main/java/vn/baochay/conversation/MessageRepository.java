package vn.baochay.conversation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.SqlValues;

/**
 * Messages ({@code messages}) and the reports each reaches ({@code message_recipients}). A report's
 * conversation is what reached it; an incident's is what reached any of its reports now, so a merge
 * carries conversations along with the reports.
 */
@ApplicationScoped
class MessageRepository {

    private final Mutiny.SessionFactory sessions;

    MessageRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** A stored message with its client id (reporters' messages only). */
    record Stored(long seq, UUID id, String from, String author, UUID reportId, String text, Instant sentAt,
                  UUID clientMessageId) {
    }

    /** Serialises the reporter's messages with one client id until the transaction ends (a retry waits, then finds it). */
    Uni<Void> lock(UUID reportId, UUID clientMessageId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(pg_advisory_xact_lock(hashtextextended(:key, 114)))", Long.class)
                .setParameter("key", "message:" + reportId + ":" + clientMessageId)
                .getSingleResult()
                .replaceWithVoid());
    }

    /** Stores a message; answers its sequence number. */
    Uni<Long> insert(UUID id, String from, String author, UUID reportId, boolean toAll, UUID clientMessageId,
                     String text, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO messages (id, from_side, author, report_id, to_all, client_message_id, text, sent_at)
                        VALUES (:id, :from, :author, :report, :toAll, :client, :text, :at)
                        RETURNING seq
                        """, Long.class)
                .setParameter("id", id)
                .setParameter("from", from)
                .setParameter("author", author)
                .setParameter("report", reportId)
                .setParameter("toAll", toAll)
                .setParameter("client", clientMessageId)
                .setParameter("text", text)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .getSingleResult());
    }

    /** The message reaches this report (its writer's, the one written to, or each of an incident's). */
    Uni<Void> deliverTo(UUID messageId, UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "INSERT INTO message_recipients (message_id, report_id) VALUES (:message, :report)")
                .setParameter("message", messageId)
                .setParameter("report", reportId)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** A dispatcher's message to all: every report the incident has now. */
    Uni<Void> deliverToAllReportsOf(UUID messageId, UUID incidentId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO message_recipients (message_id, report_id)
                        SELECT :message, id FROM reports WHERE incident_id = :incident
                        """)
                .setParameter("message", messageId)
                .setParameter("incident", incidentId)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<Stored> findByClientId(UUID reportId, UUID clientMessageId) {
        return list("""
                SELECT seq, id, from_side, author, report_id, text, sent_at, client_message_id FROM messages
                WHERE report_id = :report AND client_message_id = :client
                """, query -> query.setParameter("report", reportId).setParameter("client", clientMessageId))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The report's conversation after {@code after}, oldest first, at most {@code limit}. */
    Uni<List<Stored>> ofReport(UUID reportId, long after, int limit) {
        return list("""
                SELECT m.seq, m.id, m.from_side, m.author, m.report_id, m.text, m.sent_at, m.client_message_id
                FROM message_recipients r JOIN messages m ON m.id = r.message_id
                WHERE r.report_id = :report AND m.seq > :after ORDER BY m.seq LIMIT :limit
                """, query -> query.setParameter("report", reportId).setParameter("after", after)
                .setParameter("limit", limit));
    }

    /** How many messages the report's conversation has, and the last one's seq (0 when none). */
    Uni<long[]> countAndLast(UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT count(*), coalesce(max(m.seq), 0)
                        FROM message_recipients r JOIN messages m ON m.id = r.message_id WHERE r.report_id = :report
                        """, Object[].class)
                .setParameter("report", reportId)
                .getSingleResult()
                .map(row -> new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()}));
    }

    /** The incident's conversation: the latest {@code limit} messages that reached any of its reports, oldest first. */
    Uni<List<Stored>> ofIncident(UUID incidentId, int limit) {
        return list("""
                SELECT * FROM (
                  SELECT m.seq, m.id, m.from_side, m.author, m.report_id, m.text, m.sent_at, m.client_message_id
                  FROM messages m
                  WHERE EXISTS (SELECT 1 FROM message_recipients r JOIN reports p ON p.id = r.report_id
                                WHERE r.message_id = m.id AND p.incident_id = :incident)
                  ORDER BY m.seq DESC LIMIT :limit) latest
                ORDER BY seq
                """, query -> query.setParameter("incident", incidentId).setParameter("limit", limit));
    }

    private Uni<List<Stored>> list(String sql, java.util.function.Consumer<Mutiny.SelectionQuery<Object[]>> bind) {
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class);
            bind.accept(query);
            return query.getResultList().map(rows -> rows.stream().map(MessageRepository::toStored).toList());
        });
    }

    private static Stored toStored(Object[] r) {
        return new Stored(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], (String) r[3], (UUID) r[4],
                (String) r[5], SqlValues.instant(r[6]), (UUID) r[7]);
    }
}
