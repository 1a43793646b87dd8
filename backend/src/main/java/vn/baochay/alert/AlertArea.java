package vn.baochay.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import vn.baochay.common.GeoPoint;

/**
 * Where an alert applies: a circle (centre and radius in metres) or a polygon (3 to 100 vertices,
 * the ring left open: the last vertex joins the first). JSON {@code {"circle": {...}}} or
 * {@code {"polygon": [...]}}, exactly one of them.
 */
public record AlertArea(@Valid Circle circle, List<@NotNull GeoPoint> polygon) {

    public static final int MIN_RADIUS_M = 50;
    public static final int MAX_RADIUS_M = 50_000;
    public static final int MAX_VERTICES = 100;

    public record Circle(@NotNull GeoPoint center, @NotNull Integer radiusM) {
    }

    boolean isCircle() {
        return circle != null;
    }

    /** The polygon as WKT (lon lat order, ring closed); only for a polygon. */
    String polygonWkt() {
        return vn.baochay.common.Wkt.polygon(polygon);
    }

    /** CAP's {@code <circle>}: "lat,lon radius" with the radius in kilometres. */
    String capCircle() {
        return coordinate(circle.center()) + " " + String.format(Locale.ROOT, "%.3f", circle.radiusM() / 1000.0);
    }

    /** CAP's {@code <polygon>}: "lat,lon" pairs, the first repeated last. */
    String capPolygon() {
        StringBuilder cap = new StringBuilder();
        for (GeoPoint p : polygon) {
            cap.append(coordinate(p)).append(' ');
        }
        return cap.append(coordinate(polygon.get(0))).toString();
    }

    private static String coordinate(GeoPoint p) {
        return String.format(Locale.ROOT, "%.6f,%.6f", p.lat(), p.lon());
    }
}
