package vn.baochay.incident;

import static vn.baochay.incident.IncidentStatus.ACKNOWLEDGED;
import static vn.baochay.incident.IncidentStatus.CLOSED;
import static vn.baochay.incident.IncidentStatus.CONTROLLED;
import static vn.baochay.incident.IncidentStatus.DISPATCHED;
import static vn.baochay.incident.IncidentStatus.FALSE_ALARM;
import static vn.baochay.incident.IncidentStatus.MERGED;
import static vn.baochay.incident.IncidentStatus.NEW;
import static vn.baochay.incident.IncidentStatus.ON_SCENE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import vn.baochay.common.ProblemException;
import vn.baochay.common.ProblemType;

/**
 * Which status an incident may move to from which: NEW → ACKNOWLEDGED → DISPATCHED → ON_SCENE →
 * CONTROLLED → CLOSED, with FALSE_ALARM while no unit has arrived, MERGED while open, a flare-up
 * from CONTROLLED back to ON_SCENE, and reopening of a closed incident or a false alarm by a
 * supervisor only.
 */
public final class IncidentStateMachine {

    private static final Map<IncidentStatus, Set<IncidentStatus>> ALLOWED = new EnumMap<>(IncidentStatus.class);

    static {
        ALLOWED.put(NEW, EnumSet.of(ACKNOWLEDGED, DISPATCHED, FALSE_ALARM, MERGED));
        ALLOWED.put(ACKNOWLEDGED, EnumSet.of(DISPATCHED, FALSE_ALARM, MERGED));
        ALLOWED.put(DISPATCHED, EnumSet.of(ON_SCENE, FALSE_ALARM, MERGED));
        ALLOWED.put(ON_SCENE, EnumSet.of(CONTROLLED, MERGED));
        ALLOWED.put(CONTROLLED, EnumSet.of(CLOSED, ON_SCENE));
        ALLOWED.put(CLOSED, EnumSet.noneOf(IncidentStatus.class));
        ALLOWED.put(FALSE_ALARM, EnumSet.noneOf(IncidentStatus.class));
        ALLOWED.put(MERGED, EnumSet.noneOf(IncidentStatus.class));
    }

    /** Reopening: a supervisor may take a CLOSED or FALSE_ALARM incident back to ACKNOWLEDGED. */
    private static final Set<IncidentStatus> REOPENABLE = EnumSet.of(CLOSED, FALSE_ALARM);

    private IncidentStateMachine() {
    }

    public static boolean allows(IncidentStatus from, IncidentStatus to, boolean supervisor) {
        if (supervisor && to == ACKNOWLEDGED && REOPENABLE.contains(from)) {
            return true;
        }
        return ALLOWED.get(from).contains(to);
    }

    static void check(Incident incident, IncidentStatus to, boolean supervisor) {
        if (incident.status == ACKNOWLEDGED && to == ACKNOWLEDGED) {
            throw alreadyAcknowledged(incident);
        }
        if (!allows(incident.status, to, supervisor)) {
            boolean reopen = to == ACKNOWLEDGED && REOPENABLE.contains(incident.status);
            throw new ProblemException(ProblemType.ILLEGAL_TRANSITION, reopen
                    ? "Only a supervisor can reopen a " + incident.status + " incident"
                    : "An incident that is " + incident.status + " cannot become " + to);
        }
    }

    static void checkCanDispatch(Incident incident) {
        if (!incident.status.isOpen()) {
            throw new ProblemException(ProblemType.ILLEGAL_TRANSITION,
                    "Units cannot be sent to an incident that is " + incident.status);
        }
    }

    static ProblemException alreadyAcknowledged(Incident incident) {
        return new ProblemException(ProblemType.ALREADY_ACKNOWLEDGED,
                "Already acknowledged by " + incident.acknowledgedBy + " (now " + incident.status + ")");
    }
}
