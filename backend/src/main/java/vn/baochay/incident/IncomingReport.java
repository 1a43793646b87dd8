package vn.baochay.incident;

import java.time.Instant;
import java.util.UUID;

/** A validated report on its way into an incident. */
public record IncomingReport(
        UUID clientReportId,
        IncidentKind kind,
        double lat,
        double lon,
        Double accuracyM,
        String description,
        String reporterPhone,
        String reporterName,
        Instant observedAt,
        Instant receivedAt) {
}
