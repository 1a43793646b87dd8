package vn.baochay.notify;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Registered devices ({@code devices}) and the reports they hear about ({@code report_devices}). */
@ApplicationScoped
class DeviceRepository {

    /** A device row; {@code fcmToken} is null once FCM said the token is dead, until the app sends a new one. */
    record Row(UUID id, byte[] secretHash, String fcmToken, Device.Platform platform, String language) {
    }

    private final Mutiny.SessionFactory sessions;

    DeviceRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    Uni<Row> find(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT id, secret_hash, fcm_token, platform, language FROM devices WHERE id = :id", Object[].class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toRow(rows.get(0))));
    }

    /** The device that has this FCM token now, or null; its row is locked until the transaction ends. */
    Uni<UUID> lockByToken(String fcmToken) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT id FROM devices WHERE fcm_token = :token FOR UPDATE", UUID.class)
                .setParameter("token", fcmToken)
                .getResultList()
                .map(ids -> ids.isEmpty() ? null : ids.get(0)));
    }

    Uni<Void> insert(UUID id, byte[] secretHash, String fcmToken, Device.Platform platform, String language,
                     Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO devices (id, secret_hash, fcm_token, platform, language, created_at, updated_at)
                        VALUES (:id, :hash, :token, :platform, :language, :at, :at)
                        """)
                .setParameter("id", id)
                .setParameter("hash", secretHash)
                .setParameter("token", fcmToken)
                .setParameter("platform", platform.name())
                .setParameter("language", language)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<Void> update(UUID id, String fcmToken, String language, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE devices SET fcm_token = coalesce(CAST(:token AS text), fcm_token),
                                           language = coalesce(CAST(:language AS text), language), updated_at = :at
                        WHERE id = :id
                        """)
                .setParameter("token", fcmToken)
                .setParameter("language", language)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("id", id)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** Forgets a device's token: FCM said it is dead, or another registration has it now. */
    Uni<Void> clearToken(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE devices SET fcm_token = NULL WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** A newer registration of the same phone takes over the old one's reports and premises; the old one goes. */
    Uni<Void> replace(UUID old, UUID by) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "UPDATE report_devices SET device_id = :by WHERE device_id = :old")
                .setParameter("by", by)
                .setParameter("old", old)
                .executeUpdate()
                // The phone stays an owner of the premises it was one of, under its new registration.
                .chain(() -> session.createNativeQuery("""
                                UPDATE premises SET owner_device_ids = array_replace(owner_device_ids, :old, :by)
                                WHERE :old = ANY (owner_device_ids)
                                """)
                        .setParameter("by", by)
                        .setParameter("old", old)
                        .executeUpdate())
                .chain(() -> delete(old)));
    }

    Uni<Void> delete(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("DELETE FROM devices WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<Void> bind(UUID reportId, UUID deviceId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "INSERT INTO report_devices (report_id, device_id) VALUES (:report, :device) ON CONFLICT DO NOTHING")
                .setParameter("report", reportId)
                .setParameter("device", deviceId)
                .executeUpdate()
                .replaceWithVoid());
    }

    private static Row toRow(Object[] r) {
        return new Row((UUID) r[0], (byte[]) r[1], (String) r[2], Device.Platform.valueOf((String) r[3]), (String) r[4]);
    }
}
