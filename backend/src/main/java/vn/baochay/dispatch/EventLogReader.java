package vn.baochay.dispatch;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code incident_events} in sequence order, for the relay, gap filling and replays. */
@ApplicationScoped
class EventLogReader {

    private final Pool pool;

    EventLogReader(Pool pool) {
        this.pool = pool;
    }

    /** Events with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
    Uni<List<LiveEvent>> read(long after, long upTo, int limit) {
        return pool.preparedQuery("""
                        SELECT seq, type, incident_id::text, occurred_at, payload::text FROM incident_events
                        WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3
                        """)
                .execute(Tuple.of(after, upTo, limit))
                .map(rows -> {
                    List<LiveEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        OffsetDateTime at = row.getOffsetDateTime(3);
                        events.add(new LiveEvent(row.getLong(0), row.getString(1), row.getString(2),
                                at.toInstant().toString(), row.getString(4)));
                    }
                    return events;
                });
    }

    /** The sequence number of the last committed event (0 when there is none). */
    Uni<Long> lastSeq() {
        return pool.query("SELECT last_seq FROM event_sequence").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
