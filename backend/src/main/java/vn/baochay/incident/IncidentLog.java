package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reading the {@code incident_events} log in sequence order: for the relay, gap filling and replays. */
@ApplicationScoped
public class IncidentLog {

    private final EventLogRepository events;

    IncidentLog(EventLogRepository events) {
        this.events = events;
    }

    /** Events with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
    public Uni<List<LoggedEvent>> read(long after, long upTo, int limit) {
        return events.read(after, upTo, limit);
    }

    /** The sequence number of the last committed event (0 when there is none). */
    public Uni<Long> lastSeq() {
        return events.lastSeq();
    }
}
