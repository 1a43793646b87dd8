package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import vn.baochay.common.Transactions;

/** Turns citizen reports into incidents: one incident per fire, however many people report it. */
@ApplicationScoped
public class IncidentIntake {

    private final Transactions transactions;
    private final IncidentRepository incidents;
    private final CitizenReportRepository reports;
    private final IncidentChanges changes;
    private final MergePolicy policy;

    IncidentIntake(Transactions transactions, IncidentRepository incidents, CitizenReportRepository reports,
                   IncidentChanges changes, MergePolicy policy) {
        this.transactions = transactions;
        this.incidents = incidents;
        this.reports = reports;
        this.changes = changes;
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
        return transactions.inTransaction(() -> incidents
                .lockMergeCells(report.kind(), policy.cellsAround(report.lat(), report.lon(), radiusM))
                .chain(() -> incidents.findMergeCandidate(report.kind(), report.lat(), report.lon(), radiusM,
                        policy.oldestJoinableReport(report.receivedAt())))
                .chain(candidate -> candidate == null ? open(report, weight) : join(candidate, report, weight)));
    }

    private Uni<Admission> open(IncomingReport report, double weight) {
        Incident incident = Incident.open(report.kind(), report.lat(), report.lon(), weight, report.receivedAt());
        CitizenReport stored = CitizenReport.of(report, incident.id());
        return incidents.insert(incident)
                .chain(() -> reports.insert(stored))
                .chain(() -> changes.record(incident,
                        summary -> new IncidentEvent.IncidentOpened(stored.id, summary, report.receivedAt())))
                .map(summary -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(), false));
    }

    private Uni<Admission> join(UUID incidentId, IncomingReport report, double weight) {
        return incidents.lock(incidentId).chain(incident -> {
            incident.join(report.lat(), report.lon(), weight, report.receivedAt());
            CitizenReport stored = CitizenReport.of(report, incident.id());
            return reports.insert(stored)
                    .chain(() -> changes.record(incident,
                            summary -> new IncidentEvent.ReportJoined(stored.id, summary, report.receivedAt())))
                    .map(summary -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(),
                            true));
        });
    }
}
