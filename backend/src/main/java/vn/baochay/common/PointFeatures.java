package vn.baochay.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the import files of points (stations, shelters, premises) and walks the features of a GeoJSON
 * FeatureCollection of points, as those files are
 * written: each feature's properties and [lon, lat], with the problems of a feature collected (named
 * by its index and id) instead of stopping at the first, so that a file is refused with all of them.
 */
public final class PointFeatures {

    /** One feature: where it is in the file (for problems), its properties, and its position. */
    public record Feature(String where, JsonNode properties, double lat, double lon) {
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(Feature feature);
    }

    private PointFeatures() {
    }

    /** Whether {@code root} is a FeatureCollection at all (a file that is not is refused as a whole). */
    /** An import file: {@code classpath:path} for a resource of the application, otherwise a file path. */
    public static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("No classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    public static boolean isFeatureCollection(JsonNode root) {
        return "FeatureCollection".equals(root.path("type").asText());
    }

    /** Visits each feature with a usable Point; adds a problem for each that has none or is out of range. */
    public static void each(JsonNode root, List<String> problems, Visitor visitor) {
        JsonNode features = root.path("features");
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            JsonNode p = feature.path("properties");
            String where = "feature " + i + (p.hasNonNull("id") ? " (" + p.get("id").asText() + ")" : "");
            JsonNode coordinates = feature.path("geometry").path("coordinates");
            if (!"Point".equals(feature.path("geometry").path("type").asText()) || coordinates.size() < 2
                    || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                problems.add(where + ": geometry must be a Point with [lon, lat]");
                continue;
            }
            double lon = coordinates.get(0).asDouble();
            double lat = coordinates.get(1).asDouble();
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                problems.add(where + ": coordinates [" + lon + ", " + lat + "] are out of range");
            }
            visitor.visit(new Feature(where, p, lat, lon));
        }
    }

    /** A required, non-blank text property (stripped); null, with a problem added, when it is missing. */
    public static String text(JsonNode node, String field, String where, List<String> problems) {
        String value = node.path(field).asText("").strip();
        if (value.isEmpty()) {
            problems.add(where + ": " + field + " is required");
            return null;
        }
        return value;
    }
}
