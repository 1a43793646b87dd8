package vn.baochay.station;

import java.util.List;
import vn.baochay.common.GeoPoint;

/** A station and how far it is from a point, with its units; nearest first in every list. */
public record NearbyStation(String id, String name, String phone, String address, String province, GeoPoint location,
                            long distanceM, List<Unit> units) {

    public record Unit(String id, String callsign, String type, String status) {
    }
}
