package vn.baochay.incident;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The life of an incident, from the first report to its close. */
public enum IncidentStatus {
    NEW, ACKNOWLEDGED, DISPATCHED, ON_SCENE, CONTROLLED, CLOSED, FALSE_ALARM, MERGED;

    /**
     * The statuses in which an incident has ended: it takes no new reports and leaves the open queue.
     * Defined here only; the merge query and the lists take their statuses from these two sets.
     */
    public static final Set<IncidentStatus> ENDED = Collections.unmodifiableSet(EnumSet.of(CLOSED, FALSE_ALARM, MERGED));
    public static final Set<IncidentStatus> OPEN = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.copyOf(ENDED)));

    /** An open incident still takes in new reports of the same fire. */
    public boolean isOpen() {
        return !ENDED.contains(this);
    }
}
