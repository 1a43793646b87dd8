package vn.baochay.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.incident.IncidentStatus;

/**
 * The answer to an accepted report, stored with it so a retry receives exactly the same body.
 * {@code status} and {@code reportCount} describe the incident at the moment of acceptance.
 */
public record ReportAccepted(
        UUID reportId,
        UUID clientReportId,
        UUID incidentId,
        IncidentStatus status,
        int reportCount,
        boolean joinedExistingIncident,
        Instant receivedAt,
        List<StationDistance> nearestStations) {

    public record StationDistance(String id, String name, String phone, long distanceM) {
    }
}
