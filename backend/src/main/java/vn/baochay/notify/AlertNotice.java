package vn.baochay.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What a phone is told of an area alert, read from the alert as the log carries it: its headline as
 * the title and the start of its instruction as the body (a notification must stay within FCM's
 * 4 KB; the app fetches the whole alert), or, for a cancel, that it is over. And the FCM topic of a
 * province, to which apps subscribe to hear its alerts without sending any position.
 */
final class AlertNotice {

    static final Set<String> TYPES = Set.of("AlertIssued", "AlertUpdated", "AlertCancelled");
    static final int BODY_CHARS = 300;

    private AlertNotice() {
    }

    static boolean isAlert(String eventType) {
        return TYPES.contains(eventType);
    }

    static AlertPushRepository.Plan plan(long seq, JsonNode alert) {
        boolean cancel = "Cancel".equals(alert.path("msgType").asText());
        String headlineVi = alert.path("headline").path("vi").asText();
        String headlineEn = alert.path("headline").path("en").asText();
        return new AlertPushRepository.Plan(seq, UUID.fromString(alert.path("id").asText()),
                alert.path("revision").asInt(), alert.path("msgType").asText(),
                cancel ? "Đã hủy cảnh báo: " + headlineVi : headlineVi,
                cancel ? "Cancelled: " + headlineEn : headlineEn,
                cancel ? "Cảnh báo này không còn hiệu lực." : shorten(alert.path("instruction").path("vi").asText()),
                cancel ? "This alert is no longer in force." : shorten(alert.path("instruction").path("en").asText()),
                Instant.parse(alert.path("expires").asText()));
    }

    /** The polygon of an alert's area as WKT (lon lat), its ring closed. */
    static String polygonWkt(JsonNode vertices) {
        StringBuilder wkt = new StringBuilder("POLYGON((");
        for (JsonNode v : vertices) {
            wkt.append(v.path("lon").asDouble()).append(' ').append(v.path("lat").asDouble()).append(", ");
        }
        JsonNode first = vertices.get(0);
        return wkt.append(first.path("lon").asDouble()).append(' ').append(first.path("lat").asDouble()).append("))")
                .toString();
    }

    /**
     * {@code alerts.<province>.<language>}: the province's name without diacritics, in lower case, words
     * joined by hyphens ("Hà Nội" → {@code alerts.ha-noi.vi}), as FCM topic names allow.
     */
    static String topic(String province, String language) {
        String folded = Normalizer.normalize(province.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return "alerts." + folded + "." + language;
    }

    private static String shorten(String text) {
        return text.length() <= BODY_CHARS ? text : text.substring(0, BODY_CHARS - 1).strip() + "…";
    }
}
