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

/** One fire (or other emergency) as the crowd of its reports describes it. *
 * <p>Longer than most classes: the entity, with the bookkeeping every state change does to it (reports,
 * position, trust, burst, conversation) beside its fields.
 */
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

    /**
     * Derived from the first report's position by the database when the incident opens (trigger
     * incidents_province); afterwards only a supervisor's re-assignment changes it.
     */
    @Column(insertable = false, updatable = false)
    String province;

    @Column(name = "acknowledged_by")
    String acknowledgedBy;

    @Column(name = "merged_into")
    UUID mergedInto;

    /** Reporters' messages since a dispatcher last read the conversation (or wrote in it). */
    @Column(name = "unread_messages")
    int unreadMessages;

    /** Its most trusted report's trust and reasons (null: stored before trust was assessed). */
    Short trust;

    @Column(name = "trust_reasons")
    String[] trustReasons = new String[0];

    /** The keyed hash of the address its first report came from: bursts from one source are grouped. */
    @Column(name = "opened_by_source")
    byte[] openedBySource;

    /** How many incidents its source had opened within the burst window when it opened (3 or more: a burst). */
    @Column(name = "burst_size")
    Integer burstSize;

    /** What opened it: a person's report or a building's fire-alarm transmitter. */
    @Enumerated(EnumType.STRING)
    IncidentSource source = IncidentSource.CITIZEN;

    /** The premises whose transmitter signalled this fire (the first, if several did), its name then, and zone. */
    @Column(name = "premises_id")
    UUID premisesId;
    @Column(name = "premises_name")
    String premisesName;
    @Column(name = "alarm_zone")
    String alarmZone;

    /** Bumped by dispatcher actions only; what a console's view is checked against. */
    long revision;

    @Version
    long version;

    protected Incident() {
    }

    static Incident open(IncidentKind kind, double lat, double lon, double weight, Instant at, byte[] source,
                         Trust trust) {
        Incident incident = new Incident();
        incident.openedBySource = source;
        incident.trusted(trust);
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

    /** Opened by a building's fire-alarm transmitter. */
    void openedByAlarm(AlarmOrigin alarm) {
        source = IncidentSource.ALARM_DEVICE;
        alarmed(alarm);
    }

    /** A transmitter's fire alarm is part of this incident: the first premises to signal is the one shown. */
    void alarmed(AlarmOrigin alarm) {
        if (premisesId == null) {
            premisesId = alarm.premisesId();
            premisesName = alarm.premisesName();
            alarmZone = alarm.zone();
        }
    }

    /** The same premises signalled again: the fire is still being reported, so it stays joinable. */
    void alarmedAgain(Instant at) {
        if (at.isAfter(lastReportAt)) {
            lastReportAt = at;
        }
    }

    /** The premises shown with it, or null when no transmitter signalled into it. */
    public Premises premises() {
        return premisesId == null ? null : new Premises(premisesId, premisesName, alarmZone);
    }

    /** The premises a transmitter signalled from, as the queue shows it. */
    public record Premises(UUID id, String name, String zone) {
    }

    public IncidentSource source() {
        return source;
    }

    /** A report as trusted as this makes the incident as trusted (its reasons with it). */
    void trusted(Trust reportTrust) {
        if (reportTrust != null && (trust == null || reportTrust.score() > trust)) {
            trust = (short) reportTrust.score();
            trustReasons = reportTrust.storedReasons();
        }
    }

    /** Its most trusted report's trust, raised when many have reported it. */
    public Trust trust() {
        Trust stored = Trust.stored(trust, trustReasons);
        return stored == null ? null : stored.withReports(reportCount);
    }

    /** Its own reports' trust as stored, without what the crowd adds (for merging). */
    Trust storedTrust() {
        return Trust.stored(trust, trustReasons);
    }

    /** A short tag of the source that opened it, for grouping only (it tells nothing about the address). */
    public String sourceTag() {
        return openedBySource == null || openedBySource.length < 4 ? null
                : java.util.HexFormat.of().formatHex(openedBySource, 0, 4);
    }

    /** Whether it opened in a burst from its source, and how big the burst was then; null otherwise. */
    public Burst burst() {
        return burstSize == null || sourceTag() == null ? null : new Burst("src:" + sourceTag(), burstSize);
    }

    /** A burst: incidents one source opened within minutes of each other, which a console groups. */
    public record Burst(String key, int size) {
    }

    /** One more report of this incident: it counts, it is the latest, and it refines the position. */
    void join(double reportLat, double reportLon, double weight, Instant at, Trust reportTrust) {
        trusted(reportTrust);
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

    /** Moves to {@code to} if the state machine allows it, or says why not. */
    void transition(IncidentStatus to, String actor, boolean supervisor) {
        IncidentStateMachine.check(this, to, supervisor);
        if (to == IncidentStatus.ACKNOWLEDGED && acknowledgedBy == null) {
            acknowledgedBy = actor;
        }
        status = to;
        revision++;
    }

    void acknowledge(String actor) {
        if (status != IncidentStatus.NEW && acknowledgedBy != null) {
            throw new AlreadyAcknowledged(acknowledgedBy, status);
        }
        transition(IncidentStatus.ACKNOWLEDGED, actor, false);
    }

    /** Units are on their way: a NEW or ACKNOWLEDGED incident becomes DISPATCHED. */
    void unitsDispatched(String actor) {
        IncidentStateMachine.checkCanDispatch(this);
        if (acknowledgedBy == null) {
            acknowledgedBy = actor;
        }
        if (status == IncidentStatus.NEW || status == IncidentStatus.ACKNOWLEDGED) {
            status = IncidentStatus.DISPATCHED;
        }
        revision++;
    }

    void noted() {
        revision++;
    }

    /** A supervisor gives the incident to another province (the column is written by the repository). */
    void reassign(String toProvince) {
        province = toProvince;
        revision++;
    }

    /** A reporter wrote: one more unread message. Citizens' messages never make a dispatcher's view stale. */
    void reporterWrote() {
        unreadMessages++;
    }

    /** A dispatcher wrote or read the conversation: nothing is unread. */
    void conversationRead() {
        unreadMessages = 0;
    }

    /** Takes in the reports of a merged incident: counts, times and position. */
    void absorb(Incident merged) {
        trusted(merged.storedTrust());
        if (premisesId == null && merged.premisesId != null) {
            alarmed(new AlarmOrigin(merged.premisesId, merged.premisesName, merged.alarmZone));
        }
        reportCount += merged.reportCount;
        firstReportAt = merged.firstReportAt.isBefore(firstReportAt) ? merged.firstReportAt : firstReportAt;
        lastReportAt = merged.lastReportAt.isAfter(lastReportAt) ? merged.lastReportAt : lastReportAt;
        weightSum += merged.weightSum;
        weightedLat += merged.weightedLat;
        weightedLon += merged.weightedLon;
        lat = weightedLat / weightSum;
        lon = weightedLon / weightSum;
        revision++;
    }

    void mergedInto(Incident target, String actor) {
        transition(IncidentStatus.MERGED, actor, false);
        mergedInto = target.id;
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

    public String province() {
        return province;
    }

    public long revision() {
        return revision;
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
