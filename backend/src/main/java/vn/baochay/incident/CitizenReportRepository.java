package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The citizen reports an incident is made of. */
@ApplicationScoped
class CitizenReportRepository {

    private final Mutiny.SessionFactory sessions;

    CitizenReportRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    Uni<Void> insert(CitizenReport report) {
        return sessions.withSession(session -> session.persist(report));
    }

    /** The incident's reports, oldest first. */
    Uni<List<CitizenReport>> of(UUID incidentId) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from CitizenReport where incidentId = :incidentId order by receivedAt, id", CitizenReport.class)
                .setParameter("incidentId", incidentId)
                .getResultList());
    }

    /** The incident a report belongs to now (a merge may have moved it); null when there is no such report. */
    Uni<UUID> incidentOf(UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT incident_id FROM reports WHERE id = :id", UUID.class)
                .setParameter("id", reportId)
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.get(0)));
    }

    /** A merge: every report of one incident now belongs to the other. */
    Uni<Void> moveAll(UUID fromIncident, UUID toIncident) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE reports SET incident_id = :to WHERE incident_id = :from")
                .setParameter("to", toIncident)
                .setParameter("from", fromIncident)
                .executeUpdate()
                .replaceWithVoid());
    }
}
