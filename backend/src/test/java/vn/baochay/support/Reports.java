package vn.baochay.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Report request bodies as the citizen app sends them. */
public final class Reports {

    private Reports() {
    }

    /** A fire report at the point, with a new clientReportId and ±20 m accuracy. */
    public static Map<String, Object> at(double[] point) {
        return at(point[0], point[1]);
    }

    public static Map<String, Object> at(double lat, double lon) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("lat", lat);
        location.put("lon", lon);
        location.put("accuracyM", 20);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientReportId", UUID.randomUUID().toString());
        body.put("location", location);
        body.put("kind", "FIRE");
        return body;
    }

    /** The same body with one field replaced (a dotted path such as {@code location.lat}). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = deepCopy(body);
        String[] parts = path.split("\\.");
        Map<String, Object> target = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        }
        if (value == null) {
            target.remove(parts[parts.length - 1]);
        } else {
            target.put(parts[parts.length - 1], value);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>();
        body.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }
}
