package vn.baochay.premises;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.SqlValues;

/** Each transmitter's state ({@code transmitter_status}): what it last said, and when it was last heard. */
@ApplicationScoped
class TransmitterStatusRepository {

    private final Mutiny.SessionFactory sessions;

    TransmitterStatusRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Moves the last-heard time of a transmitter that is NORMAL or FAULT, the common case of a link test, in one
     * statement. Answers false when it is UNKNOWN or SILENT (or unregistered): its state changes, see {@link #lock}.
     */
    Uni<Boolean> heardWhileUp(UUID premisesId, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE transmitter_status SET last_signal_at = GREATEST(last_signal_at, :at)
                        WHERE premises_id = :id AND state IN ('NORMAL', 'FAULT')
                        """)
                .setParameter("id", premisesId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .map(rows -> rows == 1));
    }

    /** The transmitter's status, locked until the transaction ends; null if it has none. */
    Uni<DeviceStatus> lock(UUID premisesId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT state, since, last_signal_at, fault_code, fault_zone, fault_format
                        FROM transmitter_status WHERE premises_id = :id FOR UPDATE
                        """, Object[].class)
                .setParameter("id", premisesId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : status(rows.get(0))));
    }

    Uni<Void> write(UUID premisesId, DeviceStatus status) {
        DeviceStatus.Fault fault = status.fault();
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE transmitter_status SET state = :state, since = :since,
                            last_signal_at = CAST(:last AS timestamptz), fault_code = CAST(:code AS text),
                            fault_zone = CAST(:zone AS text), fault_format = CAST(:format AS text)
                        WHERE premises_id = :id
                        """)
                .setParameter("id", premisesId)
                .setParameter("state", status.state().name())
                .setParameter("since", status.since().atOffset(ZoneOffset.UTC))
                .setParameter("last", status.lastSignalAt() == null ? null : status.lastSignalAt().atOffset(ZoneOffset.UTC))
                .setParameter("code", fault == null ? null : fault.code())
                .setParameter("zone", fault == null ? null : fault.zone())
                .setParameter("format", fault == null ? null : fault.format())
                .executeUpdate()
                .replaceWithVoid());
    }

    /**
     * Turns SILENT, at {@code now}, up to {@code limit} supervised live transmitters not heard from (or, never
     * heard, not since registration) for longer than their interval plus {@code graceSeconds}; answers which.
     * Rows another instance is turning at the same moment are skipped, so each turns once.
     */
    Uni<List<UUID>> silenceOverdue(Instant now, long graceSeconds, int limit) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE transmitter_status t SET state = 'SILENT', since = CAST(:now AS timestamptz)
                        WHERE t.premises_id IN (
                            SELECT s.premises_id FROM transmitter_status s JOIN premises p ON p.id = s.premises_id
                            WHERE s.state <> 'SILENT' AND p.deleted_at IS NULL AND p.reporting_interval_s IS NOT NULL
                              AND coalesce(s.last_signal_at, p.created_at) < CAST(:now AS timestamptz)
                                  - make_interval(secs => p.reporting_interval_s + CAST(:grace AS double precision))
                            ORDER BY coalesce(s.last_signal_at, p.created_at)
                            LIMIT :limit
                            FOR UPDATE OF s SKIP LOCKED)
                        RETURNING t.premises_id
                        """, UUID.class)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("grace", (double) graceSeconds)
                .setParameter("limit", limit)
                .getResultList());
    }

    private static DeviceStatus status(Object[] row) {
        DeviceStatus.Fault fault = row[3] == null ? null
                : new DeviceStatus.Fault((String) row[3], (String) row[4], (String) row[5]);
        return new DeviceStatus(DeviceStatus.State.valueOf((String) row[0]), SqlValues.instant(row[1]),
                SqlValues.instant(row[2]), fault, null);
    }
}
