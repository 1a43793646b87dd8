package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Turns citizen reports into incidents: one incident per fire, however many people report it. */
@ApplicationScoped
public class IncidentService {

    private final Mutiny.SessionFactory sessions;
    private final IncidentRepository incidents;
    private final EventLog events;
    private final MergePolicy policy;

    IncidentService(Mutiny.SessionFactory sessions, IncidentRepository incidents, EventLog events, MergePolicy policy) {
        this.sessions = sessions;
        this.incidents = incidents;
        this.events = events;
        this.policy = policy;
    }

    /**
     * Stores the report and joins it to the nearest open incident of its kind within the merge radius
     * and window, or opens a new incident. Runs in the caller's transaction when there is one.
     *
     * <p>Race-free: the decision holds advisory locks on the grid cells around the report, so two
     * simultaneous first reports of one fire cannot both open an incident; the second waits and joins.
     * The change and its event are committed together.
     */
    public Uni<Admission> admit(IncomingReport report) {
        double radiusM = policy.searchRadiusM(report.accuracyM());
        double weight = policy.weight(report.accuracyM());
        return sessions.withTransaction(session -> incidents
                .lockMergeCells(session, report.kind(), policy.cellsAround(report.lat(), report.lon(), radiusM))
                .chain(() -> incidents.findMergeCandidate(session, report.kind(), report.lat(), report.lon(), radiusM,
                        policy.oldestJoinableReport(report.receivedAt())))
                .chain(candidate -> candidate == null
                        ? open(session, report, weight)
                        : join(session, candidate, report, weight)));
    }

    private Uni<Admission> open(Mutiny.Session session, IncomingReport report, double weight) {
        Incident incident = Incident.open(report.kind(), report.lat(), report.lon(), weight, report.receivedAt());
        CitizenReport stored = CitizenReport.of(report, incident.id());
        IncidentEvent opened = new IncidentEvent.IncidentOpened(incident.id(), stored.id, incident.kind(),
                incident.status(), incident.lat(), incident.lon(), report.receivedAt());
        return session.persist(incident)
                .chain(() -> session.persist(stored))
                .chain(session::flush)
                .chain(() -> events.append(session, opened))
                .map(seq -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(), false));
    }

    private Uni<Admission> join(Mutiny.Session session, UUID incidentId, IncomingReport report, double weight) {
        return session.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE).chain(incident -> {
            incident.join(report.lat(), report.lon(), weight, report.receivedAt());
            CitizenReport stored = CitizenReport.of(report, incident.id());
            IncidentEvent joined = new IncidentEvent.ReportJoined(incident.id(), stored.id, incident.reportCount(),
                    incident.lat(), incident.lon(), report.receivedAt());
            return session.persist(stored)
                    .chain(session::flush)
                    .chain(() -> events.append(session, joined))
                    .map(seq -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(), true));
        });
    }

    /** The incident with its reports, oldest first; null when there is no such incident. */
    public Uni<IncidentView> find(UUID incidentId) {
        return sessions.withSession(session -> session.find(Incident.class, incidentId)
                .chain(incident -> incident == null
                        ? Uni.createFrom().nullItem()
                        : incidents.reportsOf(session, incidentId).map(reports -> IncidentView.of(incident, reports))));
    }
}
