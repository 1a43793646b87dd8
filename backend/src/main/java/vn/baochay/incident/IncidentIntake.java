package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
    private final TrustRepository trust;

    IncidentIntake(Transactions transactions, IncidentRepository incidents, CitizenReportRepository reports,
                   IncidentChanges changes, MergePolicy policy, TrustRepository trust) {
        this.trust = trust;
        this.transactions = transactions;
        this.incidents = incidents;
        this.reports = reports;
        this.changes = changes;
        this.policy = policy;
    }

    /**
     * How far to trust a report from {@code sourceHash} (and {@code deviceId}, when its secret was
     * right) at this point. Reads only; call it before the report's transaction.
     */
    public Uni<Trust> assess(byte[] sourceHash, UUID deviceId, double lat, double lon, Instant at) {
        return trust.facts(sourceHash, deviceId, lat, lon, at).map(Trust::assess);
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
        return transactions.inTransaction(() -> lockCellsAround(report, radiusM)
                .chain(() -> joinOrOpen(report, radiusM, weight)));
    }

    /** The advisory locks on the grid cells around the report, held until the transaction ends. */
    Uni<Void> lockCellsAround(IncomingReport report, double radiusM) {
        return incidents.lockMergeCells(report.kind(), policy.cellsAround(report.lat(), report.lon(), radiusM));
    }

    /** Joins the report to the nearest joinable open incident, or opens one; call with the cells locked. */
    Uni<Admission> joinOrOpen(IncomingReport report, double radiusM, double weight) {
        return incidents.findMergeCandidate(report.kind(), report.lat(), report.lon(), radiusM,
                        policy.oldestJoinableReport(report.receivedAt()))
                .chain(candidate -> candidate == null ? open(report, weight) : join(candidate, report, weight));
    }

    /** A source that opens this many incidents within {@link #BURST_WINDOW} is a burst, grouped by consoles. */
    static final int BURST = 3;
    static final java.time.Duration BURST_WINDOW = java.time.Duration.ofMinutes(10);

    private Uni<Admission> open(IncomingReport report, double weight) {
        Incident incident = Incident.open(report.kind(), report.lat(), report.lon(), weight, report.receivedAt(),
                report.sourceHash(), report.trust());
        if (report.alarm() != null) {
            incident.openedByAlarm(report.alarm());
        }
        CitizenReport stored = CitizenReport.of(report, incident.id());
        Instant since = report.receivedAt().minus(BURST_WINDOW);
        Uni<Void> burst = report.sourceHash() == null ? Uni.createFrom().voidItem()
                : incidents.openedBySince(report.sourceHash(), since).chain(earlier -> {
                    if (earlier + 1 < BURST) {
                        return Uni.createFrom().voidItem();
                    }
                    incident.burstSize = (int) Math.min(Integer.MAX_VALUE, earlier + 1);
                    return incidents.markBurst(report.sourceHash(), since, incident.burstSize);
                });
        return burst.chain(() -> incidents.insert(incident))
                .chain(() -> reports.insert(stored))
                .chain(() -> changes.record(incident,
                        summary -> new IncidentEvent.IncidentOpened(stored.id, summary, report.receivedAt())))
                .map(summary -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(), false));
    }

    private Uni<Admission> join(UUID incidentId, IncomingReport report, double weight) {
        return incidents.lock(incidentId).chain(incident -> {
            incident.join(report.lat(), report.lon(), weight, report.receivedAt(), report.trust());
            if (report.alarm() != null) {
                incident.alarmed(report.alarm());
            }
            CitizenReport stored = CitizenReport.of(report, incident.id());
            return reports.insert(stored)
                    .chain(() -> changes.record(incident,
                            summary -> new IncidentEvent.ReportJoined(stored.id, summary, report.receivedAt())))
                    .map(summary -> new Admission(stored.id, incident.id(), incident.status(), incident.reportCount(),
                            true));
        });
    }
}
