package vn.baochay.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends to {@code incident_events} inside the caller's transaction. The sequence number comes from
 * the single counter row, whose lock is held until commit: append last, just before committing.
 */
@ApplicationScoped
class EventLog {

    private final ObjectMapper json;

    EventLog(ObjectMapper json) {
        this.json = json;
    }

    Uni<Long> append(Mutiny.Session session, IncidentEvent event) {
        return session.createNativeQuery("""
                        WITH next AS (UPDATE event_sequence SET last_seq = last_seq + 1 RETURNING last_seq)
                        INSERT INTO incident_events (seq, incident_id, type, occurred_at, payload)
                        SELECT last_seq, :incidentId, :type, :occurredAt, CAST(CAST(:payload AS text) AS jsonb) FROM next
                        RETURNING seq
                        """, Long.class)
                .setParameter("incidentId", event.incidentId())
                .setParameter("type", event.type())
                .setParameter("occurredAt", event.occurredAt().atOffset(ZoneOffset.UTC))
                .setParameter("payload", toJson(event))
                .getSingleResult();
    }

    /** Sent as text and cast in SQL: a String bound straight to jsonb would be stored as a JSON string. */
    private String toJson(IncidentEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + event.type(), e);
        }
    }
}
