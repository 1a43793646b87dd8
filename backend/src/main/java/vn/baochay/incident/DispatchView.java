package vn.baochay.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a dispatcher sees of an incident: reporters' contacts included, with notes and timeline. */
public record DispatchView(IncidentSummary incident, List<Report> reports, List<Note> notes, List<TimelineEntry> timeline) {

    public record Reporter(String phone, String name) {
    }

    /** Where a report says it was sent from, as accurate as the phone said it was. */
    public record ReportPosition(double lat, double lon, Double accuracyM) {
    }

    /**
     * A report with its contacts, and how far it was trusted when it came (null: before trust was assessed).
     * {@code source} ALARM_DEVICE: a building's fire-alarm transmitter, whose {@code zone} it names.
     */
    public record Report(UUID id, IncidentKind kind, ReportPosition location, String description,
                         Reporter reporter, Instant observedAt, Instant receivedAt, Trust trust,
                         IncidentSource source, String zone) {
    }

    public record Note(UUID id, String author, String text, Instant at) {
    }

    static DispatchView of(Incident incident, List<CitizenReport> reports, List<Note> notes,
                           List<TimelineEntry> timeline) {
        return new DispatchView(IncidentSummary.of(incident),
                reports.stream().map(r -> new Report(r.id, r.kind,
                        new ReportPosition(r.lat, r.lon, r.accuracyM), r.description,
                        r.reporterPhone == null && r.reporterName == null ? null
                                : new Reporter(r.reporterPhone, r.reporterName),
                        r.observedAt, r.receivedAt, Trust.stored(r.trust, r.trustReasons),
                        r.source == null ? IncidentSource.CITIZEN : r.source, r.alarmZone)).toList(),
                notes, timeline);
    }
}
