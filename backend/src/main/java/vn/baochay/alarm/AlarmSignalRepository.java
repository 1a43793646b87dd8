package vn.baochay.alarm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Every accepted event from a transmitter ({@code alarm_signals}), written before the transmitter's ACK. */
@ApplicationScoped
class AlarmSignalRepository {

    private final Mutiny.SessionFactory sessions;

    AlarmSignalRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Serialises the signals of one account until the transaction ends, so a resent frame is seen as one. */
    Uni<Void> lockAccount(String accountId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT CAST(pg_advisory_xact_lock(hashtextextended(:key, 0)) AS text)", String.class)
                .setParameter("key", "alarm-account:" + accountId)
                .getSingleResult()
                .replaceWithVoid());
    }

    /** Whether this event of this frame was stored since {@code since}: the transmitter is sending it again. */
    Uni<Boolean> storedSince(String accountId, String sequence, String data, String code, String zone, Instant since) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT count(*) FROM alarm_signals
                        WHERE account_id = :account AND sequence = :sequence AND received_at >= :since
                          AND data = :data AND code = :code AND zone IS NOT DISTINCT FROM CAST(:zone AS text)
                        """, Long.class)
                .setParameter("account", accountId)
                .setParameter("sequence", sequence)
                .setParameter("since", since.atOffset(ZoneOffset.UTC))
                .setParameter("data", data)
                .setParameter("code", code)
                .setParameter("zone", zone)
                .getSingleResult()
                .map(count -> count > 0));
    }

    Uni<Void> insert(UUID id, UUID premisesId, String accountId, String channel, AlarmEvent event, String sequence,
                     String data, Instant deviceTime, Instant receivedAt) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO alarm_signals (id, premises_id, account_id, channel, format, sequence, data, code,
                            meaning, condition, zone, device_time, received_at)
                        VALUES (:id, CAST(:premises AS uuid), :account, :channel, :format, :sequence, :data, :code,
                            :meaning, :condition, CAST(:zone AS text), CAST(:deviceTime AS timestamptz), :receivedAt)
                        """)
                .setParameter("id", id)
                .setParameter("premises", premisesId)
                .setParameter("account", accountId)
                .setParameter("channel", channel)
                .setParameter("format", event.format())
                .setParameter("sequence", sequence)
                .setParameter("data", data)
                .setParameter("code", event.code())
                .setParameter("meaning", event.meaning().name())
                .setParameter("condition", event.condition().name())
                .setParameter("zone", event.zone())
                .setParameter("deviceTime", deviceTime == null ? null : deviceTime.atOffset(ZoneOffset.UTC))
                .setParameter("receivedAt", receivedAt.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<Void> linkToIncident(UUID signalId, UUID incidentId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE alarm_signals SET incident_id = :incident WHERE id = :id")
                .setParameter("id", signalId)
                .setParameter("incident", incidentId)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** The zones the fire alarms of an incident named, in the order they first came. */
    Uni<List<String>> fireZones(UUID incidentId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT zone FROM alarm_signals
                        WHERE incident_id = :incident AND meaning = 'FIRE_ALARM' AND zone IS NOT NULL
                        GROUP BY zone ORDER BY min(received_at), zone
                        """, String.class)
                .setParameter("incident", incidentId)
                .getResultList());
    }
}
