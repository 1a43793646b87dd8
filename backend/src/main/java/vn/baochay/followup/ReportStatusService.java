package vn.baochay.followup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import vn.baochay.common.NotFound;
import vn.baochay.conversation.ConversationService;
import vn.baochay.incident.IncidentQueries;
import vn.baochay.report.ReportService;
import vn.baochay.station.UnitService;
import vn.baochay.station.UnitStatus;

/** The reporter's own view of their report, from the incident, its units and the conversation. */
@ApplicationScoped
public class ReportStatusService {

    private final ReportService reports;
    private final IncidentQueries incidents;
    private final UnitService units;
    private final ConversationService conversation;

    ReportStatusService(ReportService reports, IncidentQueries incidents, UnitService units,
                        ConversationService conversation) {
        this.reports = reports;
        this.incidents = incidents;
        this.units = units;
        this.conversation = conversation;
    }

    public Uni<ReportStatus> of(UUID reportId, String authorization, String language) {
        return reports.authorise(reportId, authorization)
                .chain(() -> incidents.incidentOfReport(reportId))
                .onItem().ifNull().failWith(() -> new NotFound("report", reportId))
                .chain(incident -> units.assignmentsOf(incident.id())
                        .chain(assignments -> conversation.countAndLast(reportId)
                                .chain(counts -> incidents.lastChangeAt(incident.id()).map(changed -> {
                                    int onTheWay = 0;
                                    int onScene = 0;
                                    for (var a : assignments) {
                                        if (a.releasedAt() != null) {
                                            continue;
                                        }
                                        UnitStatus status = UnitStatus.valueOf(a.status());
                                        if (status == UnitStatus.ON_SCENE) {
                                            onScene++;
                                        } else if (status.isCommitted()) {
                                            onTheWay++;
                                        }
                                    }
                                    CitizenStatus status = CitizenStatus.of(incident.status());
                                    return new ReportStatus(reportId, incident.id(), status, status.text(language),
                                            onTheWay, onScene, counts[0], counts[1], changed);
                                }))));
    }
}
