package vn.baochay.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.firebase.messaging.FirebaseMessaging;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The push relay's part for area alerts: planning, from an alert's event, one notification per
 * phone whose position may lie in the area and per province topic and language
 * ({@code alert_deliveries}), then sending what is due like reporters' news (retries, back-off,
 * dead tokens pruned). Runs only inside the relay, under its leadership.
 */
@ApplicationScoped
class AlertPushes {

    private final AlertPushRepository deliveries;
    private final Fcm fcm;
    private final PushSender sender;
    private final PushConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry metrics;

    AlertPushes(AlertPushRepository deliveries, Fcm fcm, PushSender sender, PushConfig config, Vertx vertx,
                Clock clock, MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.fcm = fcm;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.metrics = metrics;
    }

    Uni<Integer> resumeInterrupted() {
        return deliveries.resumeInterrupted();
    }

    /**
     * An alert warns the phones whose position may lie in its area, and each of its provinces' topics
     * in both languages (for phones that keep no position).
     */
    Uni<Void> plan(long seq, JsonNode alert) {
        Instant now = clock.instant();
        AlertPushRepository.Plan plan = AlertNotice.plan(seq, alert);
        JsonNode circle = alert.path("area").path("circle");
        Uni<Integer> devices = circle.isObject()
                ? deliveries.planCircle(plan, circle.path("center").path("lat").asDouble(),
                        circle.path("center").path("lon").asDouble(), circle.path("radiusM").asDouble(), now)
                : deliveries.planPolygon(plan, AlertNotice.polygonWkt(alert.path("area").path("polygon")), now);
        Uni<Integer> all = devices;
        for (JsonNode province : alert.path("provinces")) {
            for (String language : new String[] {"vi", "en"}) {
                String topic = AlertNotice.topic(province.asText(), language);
                all = all.chain(n -> deliveries.planTopic(plan, topic, language, now).map(m -> n + m));
            }
        }
        return all.replaceWithVoid();
    }

    Uni<Integer> send() {
        FirebaseMessaging messaging = fcm.messaging().orElse(null);
        if (messaging == null) {
            return Uni.createFrom().item(0);
        }
        return deliveries.claim(config.batchSize(), clock.instant()).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<AlertPushRepository.Due> live = due.stream()
                    .filter(d -> d.topic() != null || d.fcmToken() != null).toList();
            Uni<Void> dead = Uni.createFrom().voidItem();
            for (AlertPushRepository.Due d : due) {
                if (d.topic() == null && d.fcmToken() == null) {
                    dead = dead.chain(() -> deliveries.failed(d, "the device has no live FCM token"));
                }
            }
            return dead.chain(() -> live.isEmpty() ? Uni.createFrom().item(List.<PushSender.AlertOutcome>of())
                            : vertx.executeBlocking(Uni.createFrom().item(() -> sender.sendAlerts(messaging, live,
                                    Instant.now())), false))
                    .chain(this::record)
                    .replaceWith(due.size());
        });
    }

    private Uni<Void> record(List<PushSender.AlertOutcome> outcomes) {
        Uni<Void> all = Uni.createFrom().voidItem();
        Instant now = clock.instant();
        for (PushSender.AlertOutcome o : outcomes) {
            all = all.chain(() -> switch (o.result()) {
                case SENT -> deliveries.sent(o.delivery(), now).invoke(() -> count("sent"));
                case PRUNE -> deliveries.pruned(o.delivery(), o.error()).invoke(() -> count("pruned"));
                case RETRY -> o.delivery().attempts() >= config.maxAttempts()
                        ? deliveries.failed(o.delivery(), o.error()).invoke(() -> count("failed"))
                        : deliveries.retryAt(o.delivery(), now.plus(PushRelay.backoff(config, o.delivery().attempts(), o.retryAfter())),
                                o.error()).invoke(() -> count("retried"));
                case FAIL -> deliveries.failed(o.delivery(), o.error()).invoke(() -> count("failed"));
            });
        }
        return all;
    }

    private void count(String outcome) {
        metrics.counter("baochay.push.alerts", "outcome", outcome).increment();
    }
}
