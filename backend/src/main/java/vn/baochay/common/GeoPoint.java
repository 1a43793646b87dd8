package vn.baochay.common;

/** A position on the WGS 84 ellipsoid, in degrees; JSON {@code {"lat": …, "lon": …}}. */
public record GeoPoint(double lat, double lon) {
}
