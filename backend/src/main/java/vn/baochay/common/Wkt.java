package vn.baochay.common;

import java.util.List;

/** Well-known text for PostGIS ({@code ST_GeomFromText}), written from positions. */
public final class Wkt {

    private Wkt() {
    }

    /** A polygon (lon lat order, as WKT wants) from its vertices as an open ring: the first is repeated last. */
    public static String polygon(List<GeoPoint> vertices) {
        StringBuilder wkt = new StringBuilder("POLYGON((");
        for (GeoPoint p : vertices) {
            wkt.append(p.lon()).append(' ').append(p.lat()).append(", ");
        }
        GeoPoint first = vertices.get(0);
        return wkt.append(first.lon()).append(' ').append(first.lat()).append("))").toString();
    }
}
