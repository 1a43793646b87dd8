package vn.baochay.incident;

import java.util.EnumSet;
import java.util.Set;

/** The life of an incident, from the first report to its close. */
public enum IncidentStatus {
    NEW, ACKNOWLEDGED, DISPATCHED, ON_SCENE, CONTROLLED, CLOSED, FALSE_ALARM, MERGED;

    private static final Set<IncidentStatus> ENDED = EnumSet.of(CLOSED, FALSE_ALARM, MERGED);

    /** An open incident still takes in new reports of the same fire. */
    public boolean isOpen() {
        return !ENDED.contains(this);
    }
}
