package vn.baochay.incident;

import java.time.Instant;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/**
 * The citizen-facing view of an incident. Anyone who reported the fire learns its id, so it shows
 * nothing of the reports (who else reported, from where, what they wrote) and its position only to
 * three decimal places (about 100 m): enough to see where the fire is, not whose house a report
 * came from.
 */
public record IncidentView(UUID id, IncidentKind kind, IncidentStatus status, GeoPoint location,
                           Instant firstReportAt, Instant lastReportAt, int reportCount) {

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.id, incident.kind, incident.status,
                new GeoPoint(round(incident.lat), round(incident.lon)), incident.firstReportAt, incident.lastReportAt,
                incident.reportCount);
    }

    /** To three decimal places, about 100 m. */
    static double round(double degrees) {
        return Math.round(degrees * 1000) / 1000.0;
    }
}
