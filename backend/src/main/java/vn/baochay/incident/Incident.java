package vn.baochay.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One fire (or other emergency) as the crowd of its reports describes it. */
@Entity
@Table(name = "incidents")
public class Incident {

    @Id
    UUID id;

    @Enumerated(EnumType.STRING)
    IncidentKind kind;

    @Enumerated(EnumType.STRING)
    IncidentStatus status;

    /** Refined position: the 1/accuracy²-weighted mean of its reports' positions. */
    double lat;
    double lon;

    @Column(name = "weight_sum")
    double weightSum;
    @Column(name = "weighted_lat")
    double weightedLat;
    @Column(name = "weighted_lon")
    double weightedLon;

    @Column(name = "report_count")
    int reportCount;

    @Column(name = "first_report_at")
    Instant firstReportAt;

    @Column(name = "last_report_at")
    Instant lastReportAt;

    @Column(name = "opened_at")
    Instant openedAt;

    @Version
    long version;

    protected Incident() {
    }

    static Incident open(IncidentKind kind, double lat, double lon, double weight, Instant at) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.kind = kind;
        incident.status = IncidentStatus.NEW;
        incident.openedAt = at;
        incident.firstReportAt = at;
        incident.lastReportAt = at;
        incident.reportCount = 1;
        incident.weightSum = weight;
        incident.weightedLat = lat * weight;
        incident.weightedLon = lon * weight;
        incident.lat = lat;
        incident.lon = lon;
        return incident;
    }

    /** One more report of this incident: it counts, it is the latest, and it refines the position. */
    void join(double reportLat, double reportLon, double weight, Instant at) {
        reportCount++;
        if (at.isAfter(lastReportAt)) {
            lastReportAt = at;
        }
        if (at.isBefore(firstReportAt)) {
            firstReportAt = at;
        }
        weightSum += weight;
        weightedLat += reportLat * weight;
        weightedLon += reportLon * weight;
        lat = weightedLat / weightSum;
        lon = weightedLon / weightSum;
    }

    public UUID id() {
        return id;
    }

    public IncidentKind kind() {
        return kind;
    }

    public IncidentStatus status() {
        return status;
    }

    public double lat() {
        return lat;
    }

    public double lon() {
        return lon;
    }

    public int reportCount() {
        return reportCount;
    }

    public Instant firstReportAt() {
        return firstReportAt;
    }

    public Instant lastReportAt() {
        return lastReportAt;
    }
}
