package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.SqlValues;

/** Dispatchers' notes on incidents. */
@ApplicationScoped
class NoteRepository {

    private final Mutiny.SessionFactory sessions;

    NoteRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    Uni<List<DispatchView.Note>> of(UUID incidentId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT id, author, text, created_at FROM incident_notes
                        WHERE incident_id = :id ORDER BY created_at, id
                        """, Object[].class)
                .setParameter("id", incidentId)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new DispatchView.Note((UUID) r[0], (String) r[1], (String) r[2],
                        SqlValues.instant(r[3]))).toList()));
    }

    Uni<Void> insert(UUID noteId, UUID incidentId, String author, String text, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO incident_notes (id, incident_id, author, text, created_at)
                        VALUES (:id, :incidentId, :author, :text, :at)
                        """)
                .setParameter("id", noteId)
                .setParameter("incidentId", incidentId)
                .setParameter("author", author)
                .setParameter("text", text)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }
}
