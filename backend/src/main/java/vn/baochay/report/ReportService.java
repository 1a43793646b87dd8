package vn.baochay.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import vn.baochay.common.Failures;
import vn.baochay.common.Transactions;
import vn.baochay.incident.Admission;
import vn.baochay.incident.IncidentIntake;
import vn.baochay.incident.IncomingReport;
import vn.baochay.station.StationService;

/** Takes citizen reports in: durable, idempotent per clientReportId, merged into incidents. */
@ApplicationScoped
public class ReportService {

    /** A deadlock or serialisation failure rolls everything back, so the whole intake can run again. */
    private static final int RETRIES = 3;

    /** Whether an intake stored a new report or answered a retry of one already stored. */
    public record Outcome(ReportAccepted accepted, boolean created) {
    }

    private final Transactions transactions;
    private final ReceiptRepository receipts;
    private final IncidentIntake incidents;
    private final StationService stations;
    private final ReportConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Timer intakeTimer;

    ReportService(Transactions transactions, ReceiptRepository receipts, IncidentIntake incidents,
                  StationService stations, ReportConfig config, Clock clock, MeterRegistry metrics) {
        this.transactions = transactions;
        this.receipts = receipts;
        this.incidents = incidents;
        this.stations = stations;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.intakeTimer = Timer.builder("baochay.report.intake")
                .description("Time from a valid report's arrival to its commit (or the retry's answer)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(metrics);
    }

    /**
     * Stores a report and joins it to its incident, all in one transaction; the answer exists only
     * once the transaction has committed. A retry with the same clientReportId and the same content
     * gets the stored answer back unchanged; with different content it is refused with
     * {@link IdempotencyConflict} and nothing changes.
     */
    public Uni<Outcome> submit(NewReport report) {
        long started = System.nanoTime();
        String fingerprint = RequestFingerprint.of(report);
        return Uni.createFrom().deferred(() -> attempt(report, fingerprint))
                .onFailure(Failures::isRetryable).retry().atMost(RETRIES)
                .invoke(outcome -> record(outcome, Duration.ofNanos(System.nanoTime() - started)))
                .onFailure(IdempotencyConflict.class).invoke(e -> count("conflict"));
    }

    private Uni<Outcome> attempt(NewReport report, String fingerprint) {
        Instant receivedAt = clock.instant();
        return transactions.inTransaction(() -> receipts.lock(report.clientReportId())
                .chain(() -> receipts.find(report.clientReportId()))
                .chain(receipt -> {
                    if (receipt == null) {
                        return accept(report, fingerprint, receivedAt);
                    }
                    if (!receipt.requestHash().equals(fingerprint)) {
                        return Uni.createFrom().failure(new IdempotencyConflict(report.clientReportId()));
                    }
                    return Uni.createFrom().item(new Outcome(receipt.response(), false));
                }));
    }

    /**
     * Nearest stations are looked up before the incident is touched: admitting appends to the event
     * log, whose counter row stays locked until commit, so as little as possible runs after it.
     */
    private Uni<Outcome> accept(NewReport report, String fingerprint, Instant receivedAt) {
        NewReport.Location at = report.location();
        return stations.nearest(at.lat(), at.lon(), config.nearestStations())
                .chain(nearest -> incidents.admit(toIncoming(report, receivedAt))
                        .map(admission -> accepted(report, admission, receivedAt, nearest)))
                .call(accepted -> receipts.save(fingerprint, accepted))
                .map(accepted -> new Outcome(accepted, true));
    }

    private static ReportAccepted accepted(NewReport report, Admission admission, Instant receivedAt,
                                           java.util.List<vn.baochay.station.NearbyStation> nearest) {
        return new ReportAccepted(admission.reportId(), report.clientReportId(), admission.incidentId(),
                admission.status(), admission.reportCount(), admission.joined(), receivedAt,
                nearest.stream()
                        .map(s -> new ReportAccepted.StationDistance(s.id(), s.name(), s.phone(), s.distanceM()))
                        .toList());
    }

    private static IncomingReport toIncoming(NewReport report, Instant receivedAt) {
        NewReport.Reporter reporter = report.reporter();
        return new IncomingReport(report.clientReportId(), report.kindOrDefault(),
                report.location().lat(), report.location().lon(), report.location().accuracyM(),
                report.description(),
                reporter == null ? null : reporter.phone(),
                reporter == null ? null : reporter.name(),
                report.observedAt() == null ? null : report.observedAt().toInstant(),
                receivedAt);
    }

    private void record(Outcome outcome, Duration took) {
        intakeTimer.record(took);
        if (!outcome.created()) {
            count("replayed");
            return;
        }
        count("created");
        ReportAccepted accepted = outcome.accepted();
        metrics.counter("baochay.merge.decisions", "decision", accepted.joinedExistingIncident() ? "joined" : "opened")
                .increment();
        if (!accepted.joinedExistingIncident()) {
            metrics.counter("baochay.incidents.opened").increment();
        }
    }

    private void count(String outcome) {
        metrics.counter("baochay.reports.received", "outcome", outcome).increment();
    }
}
