package vn.baochay.station;

import java.util.UUID;

/** A unit as the unit board shows it: where it belongs, its status, and the incident it serves. */
public record UnitState(String id, String callsign, String type, UnitStatus status, String stationId,
                        String stationName, String province, UUID incidentId) {
}
