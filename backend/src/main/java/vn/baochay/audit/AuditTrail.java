package vn.baochay.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.Actor;

/**
 * Who did what, when, and from which address. Written in the transaction of the action it records,
 * so an action and its audit record exist together or not at all; the table refuses updates.
 */
@ApplicationScoped
public class AuditTrail {

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;
    private final Clock clock;

    AuditTrail(Mutiny.SessionFactory sessions, ObjectMapper json, Clock clock) {
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> record(Actor actor, String action, UUID incidentId, String unitId, Map<String, ?> detail) {
        return record(actor.username(), actor.address(), action, incidentId, unitId, detail);
    }

    public Uni<Void> record(String actor, String address, String action, UUID incidentId, String unitId,
                            Map<String, ?> detail) {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        INSERT INTO audit_log (at, actor, action, incident_id, unit_id, detail, remote_addr)
                        VALUES (:at, :actor, :action, :incident, :unit, CAST(CAST(:detail AS text) AS jsonb), :address)
                        """)
                .setParameter("at", clock.instant().atOffset(ZoneOffset.UTC))
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("incident", incidentId)
                .setParameter("unit", unitId)
                .setParameter("detail", write(detail))
                .setParameter("address", address)
                .executeUpdate()
                .replaceWithVoid());
    }

    private String write(Map<String, ?> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unserialisable audit detail", e);
        }
    }
}
