package vn.baochay.station;

import java.util.List;

/** A station and how far it is from a point, with its units; nearest first in every list. */
public record NearbyStation(String id, String name, String phone, String address, String province, Position location,
                            long distanceM, List<Unit> units) {

    public record Position(double lat, double lon) {
    }

    public record Unit(String id, String callsign, String type, String status) {
    }
}
