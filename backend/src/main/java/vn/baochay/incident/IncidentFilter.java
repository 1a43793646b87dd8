package vn.baochay.incident;

import java.time.Instant;
import java.util.Set;

/** Which incidents a list shows: statuses, one province or all the actor covers, reported since. */
public record IncidentFilter(Set<IncidentStatus> statuses, String province, Instant since, int page, int size) {

    public static IncidentFilter open(int size) {
        return new IncidentFilter(IncidentStatus.OPEN, null, null, 0, size);
    }
}
