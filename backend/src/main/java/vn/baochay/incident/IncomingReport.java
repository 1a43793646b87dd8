package vn.baochay.incident;

import java.time.Instant;

/**
 * A validated report on its way into an incident. {@code clientReportKey} is the hash the phone's
 * clientReportId is kept as (never the id itself); {@code sourceHash} the keyed hash of the address it
 * came from; {@code trust} its assessment ({@link IncidentIntake#assess}). {@code alarm} is set when
 * the report is a fire-alarm transmitter's signal rather than a person's.
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
        Trust trust,
        AlarmOrigin alarm) {

    /** A person's report. */
    public IncomingReport(byte[] clientReportKey, IncidentKind kind, double lat, double lon, Double accuracyM,
                          String description, String reporterPhone, String reporterName, Instant observedAt,
                          Instant receivedAt, byte[] sourceHash, Trust trust) {
        this(clientReportKey, kind, lat, lon, accuracyM, description, reporterPhone, reporterName, observedAt,
                receivedAt, sourceHash, trust, null);
    }

    /** The source the report is stored with. */
    IncidentSource source() {
        return alarm == null ? IncidentSource.CITIZEN : IncidentSource.ALARM_DEVICE;
    }
}
