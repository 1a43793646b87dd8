package vn.baochay.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The append-only {@code audit_log}; inserts join the caller's transaction. */
@ApplicationScoped
class AuditRepository {

    private final Mutiny.SessionFactory sessions;

    AuditRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** {@code detail} is a JSON object, sent as text and cast: a String bound to jsonb would be a JSON string. */
    Uni<Void> insert(Instant at, String actor, String address, String action, UUID incidentId, String unitId,
                     String detail) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO audit_log (at, actor, action, incident_id, unit_id, detail, remote_addr)
                        VALUES (:at, :actor, :action, :incident, :unit, CAST(CAST(:detail AS text) AS jsonb), :address)
                        """)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("incident", incidentId)
                .setParameter("unit", unitId)
                .setParameter("detail", detail)
                .setParameter("address", address)
                .executeUpdate()
                .replaceWithVoid());
    }
}
