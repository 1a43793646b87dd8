package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every pair of statuses, for a dispatcher and for a supervisor: exactly the documented moves are legal. */
class IncidentStateMachineTest {

    private static final Map<IncidentStatus, Set<IncidentStatus>> LEGAL = Map.of(
            IncidentStatus.NEW, EnumSet.of(IncidentStatus.ACKNOWLEDGED, IncidentStatus.DISPATCHED,
                    IncidentStatus.FALSE_ALARM, IncidentStatus.MERGED),
            IncidentStatus.ACKNOWLEDGED, EnumSet.of(IncidentStatus.DISPATCHED, IncidentStatus.FALSE_ALARM,
                    IncidentStatus.MERGED),
            IncidentStatus.DISPATCHED, EnumSet.of(IncidentStatus.ON_SCENE, IncidentStatus.FALSE_ALARM,
                    IncidentStatus.MERGED),
            IncidentStatus.ON_SCENE, EnumSet.of(IncidentStatus.CONTROLLED, IncidentStatus.MERGED),
            IncidentStatus.CONTROLLED, EnumSet.of(IncidentStatus.CLOSED, IncidentStatus.ON_SCENE),
            IncidentStatus.CLOSED, EnumSet.noneOf(IncidentStatus.class),
            IncidentStatus.FALSE_ALARM, EnumSet.noneOf(IncidentStatus.class),
            IncidentStatus.MERGED, EnumSet.noneOf(IncidentStatus.class));

    @Test
    void dispatcherMayMakeExactlyTheDocumentedMoves() {
        for (IncidentStatus from : IncidentStatus.values()) {
            for (IncidentStatus to : IncidentStatus.values()) {
                assertThat(IncidentStateMachine.allows(from, to, false)).as("%s -> %s", from, to)
                        .isEqualTo(LEGAL.get(from).contains(to));
            }
        }
    }

    @Test
    void supervisorMayAlsoReopenClosedIncidentsAndFalseAlarmsButNotMergedOnes() {
        for (IncidentStatus from : IncidentStatus.values()) {
            for (IncidentStatus to : IncidentStatus.values()) {
                boolean reopen = to == IncidentStatus.ACKNOWLEDGED
                        && (from == IncidentStatus.CLOSED || from == IncidentStatus.FALSE_ALARM);
                assertThat(IncidentStateMachine.allows(from, to, true)).as("%s -> %s", from, to)
                        .isEqualTo(LEGAL.get(from).contains(to) || reopen);
            }
        }
    }

    @Test
    void endedIncidentsTakeNoNewReports() {
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(IncidentStatus::isOpen))
                .containsExactlyInAnyOrder(IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED, IncidentStatus.DISPATCHED,
                        IncidentStatus.ON_SCENE, IncidentStatus.CONTROLLED);
    }
}
