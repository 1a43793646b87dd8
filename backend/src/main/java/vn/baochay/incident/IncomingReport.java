package vn.baochay.incident;

import java.time.Instant;

/**
 * A validated report on its way into an incident. {@code clientReportKey} is the hash the phone's
 * clientReportId is kept as (never the id itself); {@code sourceHash} the keyed hash of the address it
 * came from; {@code trust} its assessment ({@link IncidentIntake#assess}).
 */
public record IncomingReport(
        byte[] clientReportKey,
        IncidentKind kind,
        double lat,
        double lon,
        Double accuracyM,
        String description,
        String reporterPhone,
        String reporterName,
        Instant observedAt,
        Instant receivedAt,
        byte[] sourceHash,
        Trust trust) {
}
