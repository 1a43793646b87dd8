package vn.baochay.station;

import vn.baochay.common.GeoPoint;

/** A station as the map and the unit board list it. */
public record StationPlace(String id, String name, String phone, String province, GeoPoint location) {
}
