package vn.baochay.notify;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns deliveries into FCM messages and sends them with the Admin SDK's {@code sendEach} (blocking:
 * called on a worker). A message says what happened in the device's language and nothing else: no
 * dispatcher's name, no other reporter's data, no phone number; a dispatcher's message is announced,
 * not quoted. Android gets high priority, iOS {@code apns-priority: 10}; both expire after the TTL and
 * carry one tag per (event, kind), so a phone shows a resent notification once.
 */
@ApplicationScoped
class PushSender {

    /** What became of one delivery. */
    enum Result {
        SENT, RETRY, PRUNE, FAIL
    }

    record Outcome(PushRepository.Due delivery, Result result, String error, Duration retryAfter) {
    }

    private final PushConfig config;

    PushSender(PushConfig config) {
        this.config = config;
    }

    List<Outcome> send(FirebaseMessaging messaging, List<PushRepository.Due> deliveries, Instant now) {
        return sendEach(messaging, deliveries, d -> message(d, now),
                (d, v) -> new Outcome(d, v.result(), v.error(), v.retryAfter()));
    }

    /**
     * One {@code sendEach} call for the deliveries, and each one's verdict: SENT, or what its failure
     * means. When the whole call fails (credentials, network) every delivery gets that call's verdict
     * and is tried again later.
     */
    private static <D, O> List<O> sendEach(FirebaseMessaging messaging, List<D> deliveries,
                                           java.util.function.Function<D, Message> message,
                                           java.util.function.BiFunction<D, Verdict, O> outcome) {
        List<Message> messages = deliveries.stream().map(message).toList();
        BatchResponse batch;
        try {
            batch = messaging.sendEach(messages);
        } catch (FirebaseMessagingException e) {
            Verdict v = verdict(e);
            return deliveries.stream().map(d -> outcome.apply(d, v)).toList();
        }
        List<O> outcomes = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            SendResponse response = batch.getResponses().get(i);
            outcomes.add(outcome.apply(deliveries.get(i), response.isSuccessful() ? SENT
                    : verdict(response.getException())));
        }
        return outcomes;
    }

    private static final Verdict SENT = new Verdict(Result.SENT, null, null);

    Message message(PushRepository.Due d, Instant now) {
        String tag = "baochay-" + d.incidentId() + "-" + d.kind().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + d.eventSeq();
        long ttl = config.ttl().toMillis();
        return Message.builder()
                .setToken(d.fcmToken())
                .setNotification(Notification.builder()
                        .setTitle(d.kind().title(d.language()))
                        .setBody(d.kind().body(d.language()))
                        .build())
                .putData("kind", d.kind().name())
                .putData("reportId", d.reportId().toString())
                .putData("incidentId", d.incidentId().toString())
                .putData("eventSeq", Long.toString(d.eventSeq()))
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .setTtl(ttl)
                        .setNotification(AndroidNotification.builder().setTag(tag).setChannelId("baochay_incident")
                                .build())
                        .build())
                .setApnsConfig(ApnsConfig.builder()
                        .putHeader("apns-priority", "10")
                        .putHeader("apns-expiration", Long.toString(now.plusMillis(ttl).getEpochSecond()))
                        .putHeader("apns-collapse-id", tag)
                        .setAps(Aps.builder().setSound("default").build())
                        .build())
                .build();
    }

    /** What a failed send means: the token is dead (PRUNE), FCM is briefly unable (RETRY), or it will not work (FAIL). */
    record Verdict(Result result, String error, Duration retryAfter) {
    }

    static Verdict verdict(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        String error = (code == null ? e.getErrorCode().name() : code.name()) + ": " + e.getMessage();
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.INVALID_ARGUMENT && tokenAtFault(e)) {
            return new Verdict(Result.PRUNE, error, null);
        }
        boolean transient_ = code == MessagingErrorCode.UNAVAILABLE || code == MessagingErrorCode.INTERNAL
                || code == MessagingErrorCode.QUOTA_EXCEEDED || code == null && e.getHttpResponse() == null;
        return new Verdict(transient_ ? Result.RETRY : Result.FAIL, error, retryAfter(e));
    }

    /** What became of one alert delivery (a topic is never pruned: a refusal there is a failure). */
    record AlertOutcome(AlertPushRepository.Due delivery, Result result, String error, Duration retryAfter) {
    }

    List<AlertOutcome> sendAlerts(FirebaseMessaging messaging, List<AlertPushRepository.Due> deliveries, Instant now) {
        return sendEach(messaging, deliveries, d -> alertMessage(d, now), (d, v) -> new AlertOutcome(d,
                v.result() == Result.PRUNE && d.topic() != null ? Result.FAIL : v.result(), v.error(), v.retryAfter()));
    }

    /**
     * An alert's notification: one tag per alert, so an update replaces the notification on the phone
     * and a cancel replaces it with "no longer in force"; delivered until the alert expires (FCM keeps
     * a message at most 28 days), a cancel for the usual TTL.
     */
    Message alertMessage(AlertPushRepository.Due d, Instant now) {
        String tag = "baochay-alert-" + d.alertId();
        long untilExpiry = Math.max(0, d.expires().toEpochMilli() - now.toEpochMilli());
        long ttl = "Cancel".equals(d.msgType()) ? config.ttl().toMillis()
                : Math.min(untilExpiry, Duration.ofDays(28).toMillis());
        Message.Builder message = Message.builder()
                .setNotification(Notification.builder().setTitle(d.title()).setBody(d.body()).build())
                .putData("kind", "ALERT")
                .putData("alertId", d.alertId().toString())
                .putData("revision", Integer.toString(d.revision()))
                .putData("msgType", d.msgType())
                .putData("capUrl", "/api/v1/alerts/" + d.alertId() + ".cap")
                .putData("eventSeq", Long.toString(d.eventSeq()))
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .setTtl(ttl)
                        .setNotification(AndroidNotification.builder().setTag(tag).setChannelId("baochay_alert").build())
                        .build())
                .setApnsConfig(ApnsConfig.builder()
                        .putHeader("apns-priority", "10")
                        .putHeader("apns-expiration", Long.toString(now.plusMillis(ttl).getEpochSecond()))
                        .putHeader("apns-collapse-id", tag)
                        .setAps(Aps.builder().setSound("default").putCustomData("interruption-level", "time-sensitive")
                                .build())
                        .build());
        return d.topic() != null ? message.setTopic(d.topic()).build() : message.setToken(d.fcmToken()).build();
    }

    /** INVALID_ARGUMENT is about the token when FCM says so (it also covers malformed messages, which are ours). */
    private static boolean tokenAtFault(FirebaseMessagingException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("registration token") || message.contains("not a valid fcm");
    }

    /** The server's Retry-After (seconds), when it gave one. */
    private static Duration retryAfter(FirebaseMessagingException e) {
        if (e.getHttpResponse() == null) {
            return null;
        }
        Object header = e.getHttpResponse().getHeaders().get("retry-after");
        String value = header instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
                : header == null ? null : String.valueOf(header);
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
