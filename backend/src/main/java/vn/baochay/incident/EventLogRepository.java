package vn.baochay.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.JsonText;
import vn.baochay.common.SqlValues;

/**
 * The {@code incident_events} log. Appends join the caller's transaction; the sequence number comes
 * from the single counter row, whose lock is held until commit, so append last, just before
 * committing. The payload is sent as text and cast in SQL: a String bound straight to jsonb would be
 * stored as a JSON string. Reads of the log (relay, gap filling, replays) go through the pool, outside any session.
 */
@ApplicationScoped
class EventLogRepository {

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final ObjectMapper json;

    EventLogRepository(Mutiny.SessionFactory sessions, Pool pool, ObjectMapper json) {
        this.sessions = sessions;
        this.pool = pool;
        this.json = json;
    }

    Uni<Long> append(IncidentEvent event) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        WITH next AS (UPDATE event_sequence SET last_seq = last_seq + 1 RETURNING last_seq)
                        INSERT INTO incident_events (seq, incident_id, type, occurred_at, payload)
                        SELECT last_seq, CAST(:incidentId AS uuid), :type, :occurredAt, CAST(CAST(:payload AS text) AS jsonb) FROM next
                        RETURNING seq
                        """, Long.class)
                .setParameter("incidentId", event.incidentId())
                .setParameter("type", event.type())
                .setParameter("occurredAt", event.occurredAt().atOffset(ZoneOffset.UTC))
                .setParameter("payload", JsonText.write(json, event))
                .getSingleResult());
    }

    /** Events with {@code after < seq <= upTo}, oldest first, at most {@code limit}. */
    Uni<List<LoggedEvent>> read(long after, long upTo, int limit) {
        return pool.preparedQuery("""
                        SELECT seq, type, incident_id::text, occurred_at, payload::text FROM incident_events
                        WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3
                        """)
                .execute(Tuple.of(after, upTo, limit))
                .map(EventLogRepository::events);
    }

    /** The sequence number of the last committed event (0 when there is none). */
    Uni<Long> lastSeq() {
        return pool.query("SELECT last_seq FROM event_sequence").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The incident's latest {@code limit} events, oldest first. */
    Uni<List<LoggedEvent>> latestOf(UUID incidentId, int limit) {
        return pool.preparedQuery("""
                        SELECT seq, type, incident_id::text, occurred_at, payload::text FROM incident_events
                        WHERE incident_id = $1 ORDER BY seq DESC LIMIT $2
                        """)
                .execute(Tuple.of(incidentId, limit))
                .map(rows -> {
                    List<LoggedEvent> events = events(rows);
                    Collections.reverse(events);
                    return events;
                });
    }

    /** The last change a dispatcher made, to tell a dispatcher with a stale view who changed it; null if none. */
    Uni<StaleVersion.LastChange> lastDispatcherChange(UUID incidentId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT payload ->> 'actor', type, occurred_at FROM incident_events
                        WHERE incident_id = :id AND payload ->> 'actor' IS NOT NULL
                        ORDER BY seq DESC LIMIT 1
                        """, Object[].class)
                .setParameter("id", incidentId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new StaleVersion.LastChange((String) rows.get(0)[0],
                        (String) rows.get(0)[1], SqlValues.instant(rows.get(0)[2]))));
    }

    private static List<LoggedEvent> events(RowSet<Row> rows) {
        List<LoggedEvent> events = new ArrayList<>();
        for (Row row : rows) {
            events.add(new LoggedEvent(row.getLong(0), row.getString(1), row.getString(2),
                    row.getOffsetDateTime(3).toInstant().toString(), row.getString(4)));
        }
        return events;
    }
}
