package vn.baochay.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a dispatcher sees of an incident: reporters' contacts included, with notes and timeline. */
public record DispatchView(IncidentSummary incident, List<Report> reports, List<Note> notes, List<TimelineEntry> timeline) {

    public record Reporter(String phone, String name) {
    }

    public record Report(UUID id, IncidentKind kind, IncidentView.ReportPosition location, String description,
                         Reporter reporter, Instant observedAt, Instant receivedAt) {
    }

    public record Note(UUID id, String author, String text, Instant at) {
    }

    static DispatchView of(Incident incident, List<CitizenReport> reports, List<Note> notes,
                           List<TimelineEntry> timeline) {
        return new DispatchView(IncidentSummary.of(incident),
                reports.stream().map(r -> new Report(r.id, r.kind,
                        new IncidentView.ReportPosition(r.lat, r.lon, r.accuracyM), r.description,
                        r.reporterPhone == null && r.reporterName == null ? null
                                : new Reporter(r.reporterPhone, r.reporterName),
                        r.observedAt, r.receivedAt)).toList(),
                notes, timeline);
    }
}
