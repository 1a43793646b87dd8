package vn.baochay.incident;

import java.time.Instant;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/**
 * An incident as a queue row shows it; also stored in every event, as the incident stood right
 * after that event, so a console can apply events without asking the server again.
 * {@code version} is the revision dispatcher actions are checked against; {@code unreadMessages}
 * counts reporters' messages no dispatcher has read yet. {@code trust} orders and labels the queue
 * (null for incidents from before it was assessed); {@code sourceTag} is the same for incidents first
 * reported from one network address; {@code burst} is set when that source opened 3 or more within
 * 10 minutes, so a console can group them (neither reveals anything of the address). {@code source}
 * says whether a person or a fire-alarm transmitter opened it; {@code premises} names the registered
 * building whose transmitter signalled into it (null when none did).
 */
public record IncidentSummary(UUID id, IncidentKind kind, IncidentStatus status, String province, GeoPoint location,
                              int reportCount, Instant firstReportAt, Instant lastReportAt, Instant openedAt,
                              long version, String acknowledgedBy, UUID mergedInto, int unreadMessages,
                              Trust trust, String sourceTag, Incident.Burst burst,
                              IncidentSource source, Incident.Premises premises) {

    static IncidentSummary of(Incident i) {
        return new IncidentSummary(i.id, i.kind, i.status, i.province, new GeoPoint(i.lat, i.lon), i.reportCount,
                i.firstReportAt, i.lastReportAt, i.openedAt, i.revision, i.acknowledgedBy, i.mergedInto,
                i.unreadMessages, i.trust(), i.sourceTag(), i.burst(), i.source, i.premises());
    }
}
