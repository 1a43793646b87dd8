package vn.baochay.incident;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open incidents a console starts from: every one being handled, and the NEW ones it should see
 * first, with the true count of each open status. {@code truncated} says that more NEW incidents
 * exist than were sent (a flood): the console shows the counts, not the length of its list.
 */
public record OpenIncidents(List<IncidentSummary> incidents, Counts counts, boolean truncated) {

    /** The true numbers: open incidents, NEW ones among them, and each open status's. */
    public record Counts(long open, @com.fasterxml.jackson.annotation.JsonProperty("new") long fresh,
                         Map<IncidentStatus, Long> byStatus) {
        public static Counts of(Map<IncidentStatus, Long> byStatus) {
            return new Counts(byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    byStatus.getOrDefault(IncidentStatus.NEW, 0L), byStatus);
        }
    }

    /** Open statuses after NEW: someone is handling these, so a snapshot always carries all of them. */
    public static final Set<IncidentStatus> HANDLED = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(IncidentStatus.NEW, IncidentStatus.CLOSED, IncidentStatus.FALSE_ALARM,
                    IncidentStatus.MERGED)));

    record Rows(List<Incident> incidents, Map<IncidentStatus, Long> counts) {
    }

    static OpenIncidents of(Rows rows) {
        long sent = rows.incidents().size();
        Counts counts = Counts.of(rows.counts());
        return new OpenIncidents(rows.incidents().stream().map(IncidentSummary::of).toList(), counts,
                sent < counts.open());
    }
}
