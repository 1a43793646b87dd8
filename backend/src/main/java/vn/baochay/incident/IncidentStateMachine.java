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

/**
 * Which status an incident may move to from which: NEW → ACKNOWLEDGED → DISPATCHED → ON_SCENE →
 * CONTROLLED → CLOSED, with FALSE_ALARM while no unit has arrived, MERGED while open, a flare-up
 * from CONTROLLED back to ON_SCENE, and reopening of a closed incident or a false alarm by a
 * supervisor only. An ended incident moves nowhere else.
 */
public final class IncidentStateMachine {

    private static final Map<IncidentStatus, Set<IncidentStatus>> ALLOWED = new EnumMap<>(IncidentStatus.class);

    static {
        ALLOWED.put(NEW, EnumSet.of(ACKNOWLEDGED, DISPATCHED, FALSE_ALARM, MERGED));
        ALLOWED.put(ACKNOWLEDGED, EnumSet.of(DISPATCHED, FALSE_ALARM, MERGED));
        ALLOWED.put(DISPATCHED, EnumSet.of(ON_SCENE, FALSE_ALARM, MERGED));
        ALLOWED.put(ON_SCENE, EnumSet.of(CONTROLLED, MERGED));
        ALLOWED.put(CONTROLLED, EnumSet.of(CLOSED, ON_SCENE));
        for (IncidentStatus ended : IncidentStatus.ENDED) {
            ALLOWED.put(ended, EnumSet.noneOf(IncidentStatus.class));
        }
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
            throw new AlreadyAcknowledged(incident.acknowledgedBy, incident.status);
        }
        if (!allows(incident.status, to, supervisor)) {
            throw to == ACKNOWLEDGED && REOPENABLE.contains(incident.status)
                    ? new IllegalTransition("Only a supervisor can reopen a " + incident.status + " incident")
                    : IllegalTransition.between(incident.status, to);
        }
    }

    static void checkCanDispatch(Incident incident) {
        if (!incident.status.isOpen()) {
            throw new IllegalTransition("Units cannot be sent to an incident that is " + incident.status);
        }
    }
}
