package vn.baochay.dispatch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import vn.baochay.incident.DispatchView;
import vn.baochay.incident.IncidentSummary;
import vn.baochay.station.NearbyStation;
import vn.baochay.station.UnitService;

/** The dispatcher's view of one incident: the summary's fields, then everything needed to act on it. */
public record IncidentDetail(
        @JsonUnwrapped IncidentSummary incident,
        List<DispatchView.Report> reports,
        List<NearbyStation> recommendedStations,
        List<UnitService.AssignmentView> assignments,
        List<DispatchView.Note> notes,
        List<DispatchView.TimelineEntry> timeline) {

    static IncidentDetail of(DispatchView view, List<NearbyStation> nearest,
                             List<UnitService.AssignmentView> assignments) {
        return new IncidentDetail(view.incident(), view.reports(), nearest, assignments, view.notes(), view.timeline());
    }
}
