package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.baochay.incident.IncidentStatus.ACKNOWLEDGED;
import static vn.baochay.incident.IncidentStatus.CLOSED;
import static vn.baochay.incident.IncidentStatus.CONTROLLED;
import static vn.baochay.incident.IncidentStatus.DISPATCHED;
import static vn.baochay.incident.IncidentStatus.FALSE_ALARM;
import static vn.baochay.incident.IncidentStatus.MERGED;
import static vn.baochay.incident.IncidentStatus.NEW;
import static vn.baochay.incident.IncidentStatus.ON_SCENE;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of an incident's life, each stated on its own, checked over every pair of statuses. */
class IncidentStateMachineTest {

    private static boolean dispatcher(IncidentStatus from, IncidentStatus to) {
        return IncidentStateMachine.allows(from, to, false);
    }

    private static boolean supervisor(IncidentStatus from, IncidentStatus to) {
        return IncidentStateMachine.allows(from, to, true);
    }

    @Test
    void aFireIsWorkedForwardFromReportToClose() {
        List<IncidentStatus> path = List.of(NEW, ACKNOWLEDGED, DISPATCHED, ON_SCENE, CONTROLLED, CLOSED);
        for (int i = 0; i + 1 < path.size(); i++) {
            assertThat(dispatcher(path.get(i), path.get(i + 1))).as("%s -> %s", path.get(i), path.get(i + 1)).isTrue();
        }
        // Units may be sent before anyone acknowledges: that acknowledges it too.
        assertThat(dispatcher(NEW, DISPATCHED)).isTrue();
    }

    @Test
    void nothingGoesBackExceptAFlareUp() {
        List<IncidentStatus> path = List.of(NEW, ACKNOWLEDGED, DISPATCHED, ON_SCENE, CONTROLLED, CLOSED);
        for (int from = 0; from < path.size(); from++) {
            for (int to = 0; to < from; to++) {
                boolean flareUp = path.get(from) == CONTROLLED && path.get(to) == ON_SCENE;
                assertThat(dispatcher(path.get(from), path.get(to))).as("%s -> %s", path.get(from), path.get(to))
                        .isEqualTo(flareUp);
            }
        }
    }

    @Test
    void noStepIsSkippedOnceUnitsAreOut() {
        assertThat(dispatcher(DISPATCHED, CONTROLLED)).isFalse();
        assertThat(dispatcher(DISPATCHED, CLOSED)).isFalse();
        assertThat(dispatcher(ON_SCENE, CLOSED)).isFalse();
        assertThat(dispatcher(NEW, ON_SCENE)).isFalse();
    }

    @Test
    void onlyAFireUnderControlCanBeClosed() {
        for (IncidentStatus from : IncidentStatus.values()) {
            assertThat(dispatcher(from, CLOSED)).as("%s -> CLOSED", from).isEqualTo(from == CONTROLLED);
        }
    }

    @Test
    void aFalseAlarmCanBeDeclaredUntilAUnitIsOnScene() {
        for (IncidentStatus from : IncidentStatus.values()) {
            boolean beforeArrival = EnumSet.of(NEW, ACKNOWLEDGED, DISPATCHED).contains(from);
            assertThat(dispatcher(from, FALSE_ALARM)).as("%s -> FALSE_ALARM", from).isEqualTo(beforeArrival);
        }
    }

    @Test
    void anIncidentCanBeMergedWhileOpenUntilItIsUnderControl() {
        for (IncidentStatus from : IncidentStatus.values()) {
            boolean mergeable = from.isOpen() && from != CONTROLLED;
            assertThat(dispatcher(from, MERGED)).as("%s -> MERGED", from).isEqualTo(mergeable);
        }
    }

    @Test
    void nothingBecomesNewAgainAndNothingStaysWhereItIs() {
        for (IncidentStatus status : IncidentStatus.values()) {
            assertThat(supervisor(status, NEW)).as("%s -> NEW", status).isFalse();
            assertThat(supervisor(status, status)).as("%s -> %s", status, status).isFalse();
        }
    }

    @Test
    void anEndedIncidentMovesNowhereForADispatcher() {
        for (IncidentStatus ended : IncidentStatus.ENDED) {
            for (IncidentStatus to : IncidentStatus.values()) {
                assertThat(dispatcher(ended, to)).as("%s -> %s", ended, to).isFalse();
            }
        }
    }

    @Test
    void aSupervisorMayAlsoReopenAClosedIncidentOrAFalseAlarmButNotAMergedOne() {
        for (IncidentStatus from : IncidentStatus.values()) {
            for (IncidentStatus to : IncidentStatus.values()) {
                boolean reopen = to == ACKNOWLEDGED && (from == CLOSED || from == FALSE_ALARM);
                assertThat(supervisor(from, to)).as("%s -> %s", from, to).isEqualTo(dispatcher(from, to) || reopen);
            }
        }
    }

    @Test
    void endedIncidentsTakeNoNewReports() {
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(IncidentStatus::isOpen))
                .containsExactlyInAnyOrder(NEW, ACKNOWLEDGED, DISPATCHED, ON_SCENE, CONTROLLED);
        assertThat(IncidentStatus.OPEN).doesNotContainAnyElementsOf(IncidentStatus.ENDED);
        assertThat(EnumSet.copyOf(IncidentStatus.OPEN)).hasSize(IncidentStatus.values().length - IncidentStatus.ENDED.size());
    }
}
