package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reading the {@code incident_events} log in sequence order: for the relays, gap filling and replays;
 * and following it from a kept position, one instance at a time ({@link #lead}).
 */
@ApplicationScoped
public class IncidentLog {

    private final EventLogRepository events;
    private final LogFollowerRepository followers;

    IncidentLog(EventLogRepository events, LogFollowerRepository followers) {
        this.events = events;
        this.followers = followers;
    }

    /** A follower's leadership: where it had got to, how it moves on, and how it gives up. */
    public interface Lease {
        long position();

        /** Records that every event up to {@code seq} has been handled. */
        Uni<Void> moveTo(long seq);

        /** Gives leadership up (the lock goes with the connection). */
        void release();
    }

    /**
     * Becomes {@code follower} (named in log_positions) unless another instance is; null when one is.
     * {@code onCommit} runs when an event commits, {@code onLost} when leadership is lost.
     */
    public Uni<Lease> lead(String follower, long lockKey, Runnable onCommit, Runnable onLost) {
        return followers.tryLead(follower, lockKey, onCommit, onLost);
    }

    /**
     * Appends an area alert's change in the caller's transaction (last, just before it commits: the
     * log's counter row stays locked until then).
     */
    public Uni<Long> announce(IncidentEvent.AlertChanged change) {
        return events.append(change);
    }

    /** Appends a transmitter's change of state in the caller's transaction (last, just before it commits). */
    public Uni<Long> announce(IncidentEvent.DeviceStateChanged change) {
        return events.append(change);
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
