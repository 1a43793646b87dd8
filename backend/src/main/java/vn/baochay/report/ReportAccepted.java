package vn.baochay.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.incident.IncidentStatus;

/**
 * The answer to an accepted report; a retry receives exactly the same body. {@code status} and
 * {@code reportCount} describe the incident at the moment of acceptance. The receipt keeps it
 * without {@code clientReportId} and {@code reportToken}, which are secrets of the phone (see
 * {@link ReportToken}); they are put back in from the retry itself. {@code deviceBound}: the report's
 * notifications go to the device that sent it.
 */
public record ReportAccepted(
        UUID reportId,
        UUID clientReportId,
        String reportToken,
        UUID incidentId,
        IncidentStatus status,
        int reportCount,
        boolean joinedExistingIncident,
        boolean deviceBound,
        Instant receivedAt,
        List<StationDistance> nearestStations) {

    public record StationDistance(String id, String name, String phone, long distanceM) {
    }

    /** What the receipt keeps: the answer without the phone's secrets. */
    ReportAccepted withoutSecrets() {
        return with(null, null);
    }

    ReportAccepted with(UUID clientReportId, String reportToken) {
        return new ReportAccepted(reportId, clientReportId, reportToken, incidentId, status, reportCount,
                joinedExistingIncident, deviceBound, receivedAt, nearestStations);
    }
}
