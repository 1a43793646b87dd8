package vn.baochay.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.baochay.conversation.Message;
import vn.baochay.incident.DispatchView;
import vn.baochay.incident.IncidentSummary;
import vn.baochay.incident.TimelineEntry;
import vn.baochay.photo.PhotoView;
import vn.baochay.premises.PremisesCard;
import vn.baochay.station.Assignment;
import vn.baochay.station.NearbyStation;

/**
 * The dispatcher's view of one incident: the summary's fields, then everything needed to act on it; {@code premises}
 * is the building whose fire-alarm transmitter signalled into it (null when none did): the full card, in place of
 * the summary's short reference.
 */
public record IncidentDetail(
        @JsonUnwrapped @JsonIgnoreProperties("premises") IncidentSummary incident,
        List<Report> reports,
        List<NearbyStation> recommendedStations,
        List<Assignment> assignments,
        List<DispatchView.Note> notes,
        List<Message.ForDispatcher> messages,
        List<TimelineEntry> timeline,
        PremisesCard premises) {

    /** A report with its contacts and its photos, oldest first. */
    public record Report(@JsonUnwrapped DispatchView.Report report, List<PhotoView> photos) {
    }

    static IncidentDetail of(DispatchView view, Map<UUID, List<PhotoView>> photos, List<NearbyStation> nearest,
                             List<Assignment> assignments, List<Message.ForDispatcher> messages,
                             PremisesCard premises) {
        List<Report> reports = view.reports().stream()
                .map(r -> new Report(r, photos.getOrDefault(r.id(), List.of()))).toList();
        return new IncidentDetail(view.incident(), reports, nearest, assignments, view.notes(), messages,
                view.timeline(), premises);
    }
}
