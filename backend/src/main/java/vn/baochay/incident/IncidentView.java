package vn.baochay.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/**
 * The citizen-facing view of an incident. Reporters' phone numbers and names are left out on
 * purpose: anyone who reported the fire learns the incident id, and must not learn who else did.
 */
public record IncidentView(UUID id, IncidentKind kind, IncidentStatus status, GeoPoint location,
                           Instant firstReportAt, Instant lastReportAt, int reportCount, List<Report> reports) {

    public record ReportPosition(double lat, double lon, Double accuracyM) {
    }

    public record Report(UUID id, IncidentKind kind, ReportPosition location, String description,
                         Instant observedAt, Instant receivedAt) {
    }

    static IncidentView of(Incident incident, List<CitizenReport> reports) {
        return new IncidentView(incident.id, incident.kind, incident.status, new GeoPoint(incident.lat, incident.lon),
                incident.firstReportAt, incident.lastReportAt, incident.reportCount,
                reports.stream().map(r -> new Report(r.id, r.kind, new ReportPosition(r.lat, r.lon, r.accuracyM),
                        r.description, r.observedAt, r.receivedAt)).toList());
    }
}
