package vn.baochay.dispatch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import vn.baochay.incident.DispatchView;
import vn.baochay.incident.IncidentSummary;
import vn.baochay.incident.TimelineEntry;
import vn.baochay.station.Assignment;
import vn.baochay.station.NearbyStation;

/** The dispatcher's view of one incident: the summary's fields, then everything needed to act on it. */
public record IncidentDetail(
        @JsonUnwrapped IncidentSummary incident,
        List<DispatchView.Report> reports,
        List<NearbyStation> recommendedStations,
        List<Assignment> assignments,
        List<DispatchView.Note> notes,
        List<TimelineEntry> timeline) {

    static IncidentDetail of(DispatchView view, List<NearbyStation> nearest, List<Assignment> assignments) {
        return new IncidentDetail(view.incident(), view.reports(), nearest, assignments, view.notes(), view.timeline());
    }
}
