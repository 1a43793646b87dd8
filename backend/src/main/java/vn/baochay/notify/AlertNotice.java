package vn.baochay.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import vn.baochay.alert.AlertWords;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.Wkt;

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
                cancel ? AlertWords.cancelled("vi") + headlineVi : headlineVi,
                cancel ? AlertWords.cancelled("en") + headlineEn : headlineEn,
                cancel ? AlertWords.ended("vi") : shorten(alert.path("instruction").path("vi").asText()),
                cancel ? AlertWords.ended("en") : shorten(alert.path("instruction").path("en").asText()),
                Instant.parse(alert.path("expires").asText()));
    }

    /** The polygon of an alert's area as WKT (lon lat), its ring closed. */
    static String polygonWkt(JsonNode vertices) {
        java.util.List<GeoPoint> points = new java.util.ArrayList<>();
        for (JsonNode v : vertices) {
            points.add(new GeoPoint(v.path("lat").asDouble(), v.path("lon").asDouble()));
        }
        return Wkt.polygon(points);
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
