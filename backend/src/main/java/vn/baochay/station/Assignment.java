package vn.baochay.station;

import java.time.Instant;

/** A unit sent to an incident: who sent it and when, and when it was released (null while it serves). */
public record Assignment(String unitId, String callsign, String stationId, String stationName, String status,
                         Instant dispatchedAt, String dispatchedBy, Instant releasedAt) {
}
