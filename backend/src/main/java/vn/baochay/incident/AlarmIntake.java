package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import vn.baochay.common.Transactions;

/**
 * Turns the fire alarms of registered premises' transmitters into incidents, on the same merge path as
 * citizens' reports ({@link IncidentIntake}), so that an alarm and the calls about the same fire end as one
 * incident.
 */
@ApplicationScoped
public class AlarmIntake {

    private final Transactions transactions;
    private final IncidentRepository incidents;
    private final IncidentChanges changes;
    private final MergePolicy policy;
    private final IncidentIntake intake;

    AlarmIntake(Transactions transactions, IncidentRepository incidents, IncidentChanges changes, MergePolicy policy,
                IncidentIntake intake) {
        this.transactions = transactions;
        this.incidents = incidents;
        this.changes = changes;
        this.policy = policy;
        this.intake = intake;
    }

    /**
     * A fire alarm from a registered premises' transmitter ({@code report.alarm()} set). When the premises
     * already has an open incident the signal is recorded on it ({@link IncidentEvent.AlarmSignalled}) without
     * counting as another report; otherwise it is admitted like a report: it joins the open fire reported
     * nearby (by citizens, or another building's alarm) or opens an incident, whose source is then the
     * transmitter. Holds the same cell locks as {@link IncidentIntake#admit}, so an alarm and a citizen's first report of one
     * fire cannot both open an incident. Runs in the caller's transaction; answers the incident's id.
     */
    public Uni<UUID> admitAlarm(IncomingReport report, UUID signalId) {
        AlarmOrigin alarm = Objects.requireNonNull(report.alarm(), "not an alarm");
        double radiusM = policy.searchRadiusM(report.accuracyM());
        double weight = policy.weight(report.accuracyM());
        return transactions.inTransaction(() -> intake.lockCellsAround(report, radiusM)
                .chain(() -> incidents.openForPremises(alarm.premisesId()))
                .chain(open -> open != null
                        ? signalledAgain(open, alarm, signalId, report.receivedAt())
                        : intake.joinOrOpen(report, radiusM, weight).map(Admission::incidentId)));
    }

    /**
     * The premises' transmitter reported that the fire condition ended. Recorded on its open incident's timeline
     * ({@link IncidentEvent.AlarmRestored}); it never closes the incident, a dispatcher does. Answers the
     * incident's id, or null when the premises has no open incident.
     */
    public Uni<UUID> alarmRestored(UUID premisesId, String zone, UUID signalId, Instant at) {
        return transactions.inTransaction(() -> incidents.openForPremises(premisesId).chain(open -> open == null
                ? Uni.createFrom().nullItem()
                : incidents.lock(open).chain(incident -> changes.record(incident,
                                summary -> new IncidentEvent.AlarmRestored(signalId, zone, summary, at)))
                        .map(summary -> summary.id())));
    }

    private Uni<UUID> signalledAgain(UUID incidentId, AlarmOrigin alarm, UUID signalId, Instant at) {
        return incidents.lock(incidentId).chain(incident -> {
            incident.alarmedAgain(at);
            return changes.record(incident,
                    summary -> new IncidentEvent.AlarmSignalled(signalId, alarm.zone(), summary, at));
        }).map(summary -> summary.id());
    }
}
