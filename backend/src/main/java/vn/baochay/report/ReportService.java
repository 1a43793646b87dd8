package vn.baochay.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import vn.baochay.common.Failures;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Secrets;
import vn.baochay.common.Transactions;
import vn.baochay.flood.FloodControl;
import vn.baochay.incident.Admission;
import vn.baochay.incident.IncidentIntake;
import vn.baochay.incident.IncomingReport;
import vn.baochay.incident.Trust;
import vn.baochay.notify.DeviceService;
import vn.baochay.province.ServiceArea;
import vn.baochay.station.StationService;

/** Takes citizen reports in: durable, idempotent per clientReportId, merged into incidents. *
 * <p>Longer than most classes: the intake is one transaction, written step by step in one place (receipt,
 * flood control, stations, merge, log) so that its order can be read top to bottom.
 */
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
    private final DeviceService devices;
    private final ReportConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Timer intakeTimer;
    private final ServiceArea area;
    private final FloodControl flood;

    /**
     * How long a report may wait its turn on locks: a burning market's reports queue on its cell locks
     * and the log's counter, and waiting is right for them (a dispatcher's action fails fast instead).
     */
    static final Duration INTAKE_LOCK_WAIT = Duration.ofSeconds(8);

    /** observedAt before this is impossible (a phone's clock reset to its epoch, say). */
    static final Instant EARLIEST_OBSERVATION = Instant.parse("2000-01-01T00:00:00Z");

    ReportService(Transactions transactions, ReceiptRepository receipts, IncidentIntake incidents,
                  StationService stations, DeviceService devices, ReportConfig config, Clock clock,
                  MeterRegistry metrics, ServiceArea area, FloodControl flood) {
        this.area = area;
        this.flood = flood;
        this.transactions = transactions;
        this.receipts = receipts;
        this.incidents = incidents;
        this.stations = stations;
        this.devices = devices;
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
     * gets the stored answer back unchanged (and is never held back by flood control); with
     * different content it is refused with {@link IdempotencyConflict} and nothing changes.
     *
     * <p>Before the transaction: the position must be in the service area, and a report that is not a
     * retry takes a flood-control token ({@link FloodControl#report}) and is assessed for trust. These
     * run outside the transaction so that it holds one connection, and its locks, as briefly as possible.
     */
    public Uni<Outcome> submit(NewReport report, String authorization, String address) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        checkObservedAt(report, now);
        String fingerprint = RequestFingerprint.of(report);
        byte[] key = ReportToken.clientReportKey(report.clientReportId());
        NewReport.Location at = report.location();
        return area.covers(at.lat(), at.lon())
                .invoke(inside -> {
                    if (!inside) {
                        throw new Rejection(Reason.INVALID_LOCATION, "location is outside Vietnam's land and sea area",
                                java.util.List.of(new vn.baochay.common.FieldError("location",
                                        "is outside Vietnam's land and sea area")));
                    }
                })
                .chain(() -> receipts.exists(key))
                .chain(retry -> retry ? Uni.createFrom().item(Admitted.RETRY) : admitted(report, authorization, address, now))
                .chain(admitted -> Uni.createFrom().deferred(() -> attempt(report, admitted, fingerprint, key))
                        .onFailure(Failures::isRetryable).retry().atMost(RETRIES))
                .invoke(outcome -> record(outcome, Duration.ofNanos(System.nanoTime() - started)))
                .onFailure(IdempotencyConflict.class).invoke(e -> count("conflict"))
                .onFailure(vn.baochay.flood.RateLimited.class).invoke(e -> count("rate_limited"));
    }

    /** What is known of a new report before its transaction: its device (when authorised), source and trust. */
    record Admitted(UUID device, byte[] source, Trust trust) {
        static final Admitted RETRY = new Admitted(null, null, null);
    }

    private Uni<Admitted> admitted(NewReport report, String authorization, String address, Instant now) {
        return devices.authorisedOrNull(report.deviceId(), authorization)
                .call(device -> flood.report(address, device))
                .chain(device -> flood.source(address)
                        .chain(source -> incidents.assess(source, device, report.location().lat(),
                                        report.location().lon(), now)
                                .map(trust -> new Admitted(device, source, trust))));
    }

    private static void checkObservedAt(NewReport report, Instant now) {
        if (report.observedAt() == null) {
            return;
        }
        Instant observed = report.observedAt().toInstant();
        if (observed.isBefore(EARLIEST_OBSERVATION) || observed.isAfter(now.plus(Duration.ofDays(3653)))) {
            throw Rejection.invalid("observedAt", "must be after 2000-01-01 and at most 10 years from now");
        }
    }

    private Uni<Outcome> attempt(NewReport report, Admitted admitted, String fingerprint, byte[] key) {
        Instant receivedAt = clock.instant();
        UUID clientReportId = report.clientReportId();
        return transactions.inQueueingTransaction(INTAKE_LOCK_WAIT, () -> receipts.lock(clientReportId)
                .chain(() -> receipts.find(key))
                .chain(receipt -> {
                    if (receipt == null) {
                        return accept(report, admitted, key, fingerprint, receivedAt);
                    }
                    if (!receipt.requestHash().equals(fingerprint)) {
                        return Uni.createFrom().failure(new IdempotencyConflict(clientReportId));
                    }
                    return tokenOf(receipt, key, clientReportId)
                            .map(token -> new Outcome(receipt.response().with(clientReportId, token), false));
                }));
    }

    /** The token sealed in the receipt; a report accepted before tokens existed gets one now. */
    private Uni<String> tokenOf(ReceiptRepository.Receipt receipt, byte[] key, UUID clientReportId) {
        if (receipt.tokenSealed() != null) {
            return Uni.createFrom().item(ReportToken.unseal(receipt.tokenSealed(), clientReportId));
        }
        String token = ReportToken.generate();
        return receipts.saveToken(key, ReportToken.hash(token), ReportToken.seal(token, clientReportId))
                .replaceWith(token);
    }

    /**
     * Nearest stations are looked up before the incident is touched: admitting appends to the event
     * log, whose counter row stays locked until commit, so as little as possible runs after it.
     */
    private Uni<Outcome> accept(NewReport report, Admitted admitted, byte[] key, String fingerprint,
                                Instant receivedAt) {
        NewReport.Location at = report.location();
        String token = ReportToken.generate();
        return stations.nearest(at.lat(), at.lon(), config.nearestStations())
                .chain(nearest -> incidents.admit(toIncoming(report, key, receivedAt, admitted))
                        .call(admission -> admitted.device() == null ? Uni.createFrom().voidItem()
                                : devices.bind(admission.reportId(), admitted.device()))
                        .map(admission -> accepted(report, token, admission, admitted.device() != null, receivedAt,
                                nearest)))
                .call(accepted -> receipts.save(key, fingerprint, accepted, ReportToken.hash(token),
                        ReportToken.seal(token, report.clientReportId())))
                .map(accepted -> new Outcome(accepted, true));
    }

    /**
     * Checks {@code Authorization: Bearer <reportToken>} for this report: anything the reporter does
     * later about it must carry its token. A missing or wrong token, and a report that does not
     * exist, are refused alike (so a caller learns nothing about which report ids exist).
     */
    public Uni<Void> authorise(UUID reportId, String authorization) {
        String token = Secrets.bearer(authorization);
        if (!Secrets.wellFormed(token)) {
            return Uni.createFrom().failure(unauthenticated());
        }
        return receipts.tokenHashOf(reportId).invoke(stored -> {
            if (!ReportToken.matches(stored, token)) {
                throw unauthenticated();
            }
        }).replaceWithVoid();
    }

    private static Rejection unauthenticated() {
        return new Rejection(Reason.UNAUTHENTICATED, "Send Authorization: Bearer <reportToken>, the reportToken "
                + "this report was accepted with");
    }

    private static ReportAccepted accepted(NewReport report, String token, Admission admission, boolean deviceBound,
                                           Instant receivedAt, java.util.List<vn.baochay.station.NearbyStation> nearest) {
        return new ReportAccepted(admission.reportId(), report.clientReportId(), token, admission.incidentId(),
                admission.status(), admission.reportCount(), admission.joined(), deviceBound, receivedAt,
                nearest.stream()
                        .map(s -> new ReportAccepted.StationDistance(s.id(), s.name(), s.phone(), s.distanceM()))
                        .toList());
    }

    private static IncomingReport toIncoming(NewReport report, byte[] clientReportKey, Instant receivedAt,
                                             Admitted admitted) {
        NewReport.Reporter reporter = report.reporter();
        return new IncomingReport(clientReportKey, report.kindOrDefault(),
                report.location().lat(), report.location().lon(), report.location().accuracyM(),
                report.description(),
                reporter == null ? null : reporter.phone(),
                reporter == null ? null : reporter.name(),
                report.observedAt() == null ? null : report.observedAt().toInstant(),
                receivedAt, admitted.source(), admitted.trust());
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
