package vn.baochay.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.firebase.messaging.FirebaseMessaging;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.JsonText;
import vn.baochay.incident.IncidentLog;
import vn.baochay.incident.LogFollower;
import vn.baochay.incident.LoggedEvent;

/**
 * Drives push notifications from the {@code incident_events} log, never from a request path, as the
 * log follower "push" (one instance at a time). Each batch of events is planned into
 * {@code push_deliveries}, one row per (event, device), before the position moves past it; then
 * due deliveries are sent in {@code sendEach} batches and their fate recorded. A restart resumes the
 * plan where it stopped (re-planning adds nothing) and the sends interrupted (same notification tag).
 */
@Singleton
public class PushRelay extends LogFollower {

    /** Advisory lock key of the push relay's leadership. */
    private static final long LEADER_LOCK = 114_114_003L;
    private static final int PLAN_BATCH = 200;

    private final Fcm fcm;
    private final PushRepository deliveries;
    private final AlertPushes alerts;
    private final PushSender sender;
    private final PushConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry metrics;

    PushRelay(IncidentLog log, Vertx vertx, Fcm fcm, PushRepository deliveries, AlertPushes alerts, PushSender sender, PushConfig config, ObjectMapper json, Clock clock, MeterRegistry metrics) {
        super("push", LEADER_LOCK, log, vertx);
        this.fcm = fcm;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.sender = sender;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (fcm.messaging().isPresent()) {
            startFollowing(config.pollInterval());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopFollowing();
    }

    @Override
    protected int batchSize() {
        return PLAN_BATCH;
    }

    /** A send may wait on FCM's own retries (the SDK honours Retry-After), so a pass may take minutes. */
    @Override
    protected Duration passTimeout() {
        return Duration.ofMinutes(10);
    }

    @Override
    protected Uni<Void> onLeadership() {
        return deliveries.resumeInterrupted().chain(alerts::resumeInterrupted).replaceWithVoid();
    }

    /** Plans what each event tells reporters' phones, and premises owners' phones when their fire alarm goes off. */
    @Override
    protected Uni<Void> handle(List<LoggedEvent> batch) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (LoggedEvent event : batch) {
            JsonNode payload = JsonText.tree(json, event.payload());
            if (AlertNotice.isAlert(event.type())) {
                all = all.chain(() -> alerts.plan(event.seq(), payload.path("alert")));
                continue;
            }
            if (("IncidentOpened".equals(event.type()) || "ReportJoined".equals(event.type()))
                    && payload.path("incident").hasNonNull("premises") && payload.hasNonNull("reportId")) {
                UUID alarmReport = UUID.fromString(payload.get("reportId").asText());
                all = all.chain(() -> deliveries.planOwners(event.seq(), alarmReport, clock.instant()).replaceWithVoid());
                continue;
            }
            PushKind kind = kindOf(event.type(), payload);
            if (kind == null || event.incidentId() == null) {
                continue;
            }
            UUID reportId = kind == PushKind.MESSAGE && payload.hasNonNull("reportId")
                    ? UUID.fromString(payload.get("reportId").asText()) : null;
            all = all.chain(() -> deliveries.plan(event.seq(), kind, UUID.fromString(event.incidentId()), reportId,
                    clock.instant()).replaceWithVoid());
        }
        return all;
    }

    /** Sends what is due, a batch at a time, on a worker (the SDK blocks): reporters' news, then alerts. */
    @Override
    protected Uni<Integer> afterBatch() {
        return sendReportNews().chain(n -> alerts.send().map(m -> n + m));
    }

    private Uni<Integer> sendReportNews() {
        FirebaseMessaging messaging = fcm.messaging().orElse(null);
        if (messaging == null) {
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        return deliveries.claim(config.batchSize(), now).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<PushRepository.Due> live = due.stream().filter(d -> d.fcmToken() != null).toList();
            Uni<Void> dead = Uni.createFrom().voidItem();
            for (PushRepository.Due d : due) {
                if (d.fcmToken() == null) {
                    dead = dead.chain(() -> deliveries.failed(d, "the device has no live FCM token"));
                }
            }
            return dead.chain(() -> live.isEmpty() ? Uni.createFrom().item(List.<PushSender.Outcome>of())
                            // APNs compares the expiry with its own clock: the real one, not the domain's.
                            : vertx.executeBlocking(Uni.createFrom().item(() -> sender.send(messaging, live,
                                    Instant.now())), false))
                    .chain(this::record)
                    .replaceWith(due.size());
        });
    }

    private Uni<Void> record(List<PushSender.Outcome> outcomes) {
        Uni<Void> all = Uni.createFrom().voidItem();
        Instant now = clock.instant();
        for (PushSender.Outcome o : outcomes) {
            all = all.chain(() -> switch (o.result()) {
                case SENT -> deliveries.sent(o.delivery(), now).invoke(() -> count("sent"));
                case PRUNE -> deliveries.pruned(o.delivery(), o.error()).invoke(() -> count("pruned"));
                case RETRY -> o.delivery().attempts() >= config.maxAttempts()
                        ? deliveries.failed(o.delivery(), o.error()).invoke(() -> count("failed"))
                        : deliveries.retryAt(o.delivery(), now.plus(wait(o)), o.error()).invoke(() -> count("retried"));
                case FAIL -> deliveries.failed(o.delivery(), o.error()).invoke(() -> count("failed"));
            });
        }
        return all;
    }

    /** Exponential back-off from the attempt count, but never sooner than the server's Retry-After. */
    private Duration wait(PushSender.Outcome outcome) {
        return backoff(config, outcome.delivery().attempts(), outcome.retryAfter());
    }

    /** Exponential back-off from the attempt count, but never sooner than the server's Retry-After. */
    static Duration backoff(PushConfig config, int attempts, Duration retryAfter) {
        int attempt = Math.min(attempts, 20);
        Duration backoff = config.initialBackoff().multipliedBy(1L << (attempt - 1));
        if (backoff.compareTo(config.maxBackoff()) > 0) {
            backoff = config.maxBackoff();
        }
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    private void count(String outcome) {
        metrics.counter("baochay.push.notifications", "outcome", outcome).increment();
    }

    /** Which events a reporter hears about: the incident's progress, and a dispatcher's message. */
    static PushKind kindOf(String type, JsonNode payload) {
        return switch (type) {
            case "IncidentAcknowledged" -> PushKind.ACKNOWLEDGED;
            case "UnitsDispatched" -> PushKind.DISPATCHED;
            case "IncidentStatusChanged" -> switch (payload.path("to").asText()) {
                case "DISPATCHED" -> PushKind.DISPATCHED;
                case "ON_SCENE" -> PushKind.ON_SCENE;
                case "CONTROLLED" -> PushKind.CONTROLLED;
                case "CLOSED" -> PushKind.CLOSED;
                case "FALSE_ALARM" -> PushKind.FALSE_ALARM;
                default -> null;
            };
            case "MessageSent" -> "DISPATCHER".equals(payload.path("from").asText()) ? PushKind.MESSAGE : null;
            default -> null;
        };
    }
}
