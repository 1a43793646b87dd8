package vn.baochay.incident;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Which incidents a list shows: statuses, one province or all the actor covers, reported since. */
public record IncidentFilter(Set<IncidentStatus> statuses, String province, Instant since, int page, int size) {

    public static final Set<IncidentStatus> OPEN = EnumSet.of(IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED,
            IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE, IncidentStatus.CONTROLLED);

    public static IncidentFilter open(int size) {
        return new IncidentFilter(OPEN, null, null, 0, size);
    }
}
