package vn.baochay.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One citizen's report, as stored; it belongs to exactly one incident. */
@Entity
@Table(name = "reports")
public class CitizenReport {

    @Id
    UUID id;

    /** The hash of the phone's clientReportId (see the report feature's ReportToken). */
    @Column(name = "client_report_key")
    byte[] clientReportKey;

    @Column(name = "incident_id")
    UUID incidentId;

    @Enumerated(EnumType.STRING)
    IncidentKind kind;

    double lat;
    double lon;

    @Column(name = "accuracy_m")
    Double accuracyM;

    String description;

    @Column(name = "reporter_phone")
    String reporterPhone;

    @Column(name = "reporter_name")
    String reporterName;

    @Column(name = "observed_at")
    Instant observedAt;

    @Column(name = "received_at")
    Instant receivedAt;

    @Column(name = "source_hash")
    byte[] sourceHash;

    Short trust;

    @Column(name = "trust_reasons")
    String[] trustReasons;

    /** A person's report, or a fire-alarm transmitter's signal (with its premises and zone). */
    @Enumerated(EnumType.STRING)
    IncidentSource source;

    @Column(name = "premises_id")
    UUID premisesId;

    @Column(name = "alarm_zone")
    String alarmZone;

    protected CitizenReport() {
    }

    static CitizenReport of(IncomingReport incoming, UUID incidentId) {
        CitizenReport report = new CitizenReport();
        report.id = UUID.randomUUID();
        report.clientReportKey = incoming.clientReportKey();
        report.incidentId = incidentId;
        report.kind = incoming.kind();
        report.lat = incoming.lat();
        report.lon = incoming.lon();
        report.accuracyM = incoming.accuracyM();
        report.description = incoming.description();
        report.reporterPhone = incoming.reporterPhone();
        report.reporterName = incoming.reporterName();
        report.observedAt = incoming.observedAt();
        report.receivedAt = incoming.receivedAt();
        report.sourceHash = incoming.sourceHash();
        report.trust = incoming.trust() == null ? null : (short) incoming.trust().score();
        report.trustReasons = incoming.trust() == null ? new String[0] : incoming.trust().storedReasons();
        report.source = incoming.source();
        if (incoming.alarm() != null) {
            report.premisesId = incoming.alarm().premisesId();
            report.alarmZone = incoming.alarm().zone();
        }
        return report;
    }
}
