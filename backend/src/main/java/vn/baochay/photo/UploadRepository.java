package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

/** Resumable uploads ({@code photo_uploads}) and the chunks received so far ({@code photo_upload_chunks}). */
@ApplicationScoped
class UploadRepository {

    /** An upload as it stands; {@code photoId} is set once its photo is stored. */
    record Upload(UUID id, UUID reportId, UUID clientPhotoId, int length, int offset, UUID photoId) {
        boolean finished() {
            return photoId != null;
        }
    }

    private static final String COLUMNS =
            "SELECT id, report_id, client_photo_id, upload_length, upload_offset, photo_id FROM photo_uploads";

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;

    UploadRepository(Mutiny.SessionFactory sessions, Pool pool) {
        this.sessions = sessions;
        this.pool = pool;
    }

    Uni<Void> insert(UUID id, UUID reportId, UUID clientPhotoId, int length, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO photo_uploads (id, report_id, client_photo_id, upload_length, created_at, updated_at)
                        VALUES (:id, :report, :client, :length, :at, :at)
                        """)
                .setParameter("id", id)
                .setParameter("report", reportId)
                .setParameter("client", clientPhotoId)
                .setParameter("length", length)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    /** The report's upload, or null. */
    Uni<Upload> find(UUID id, UUID reportId) {
        return one(COLUMNS + " WHERE id = :id AND report_id = :report", id, reportId);
    }

    /** The report's upload, its row locked until the transaction ends (one PATCH at a time), or null. */
    Uni<Upload> lock(UUID id, UUID reportId) {
        return one(COLUMNS + " WHERE id = :id AND report_id = :report FOR UPDATE", id, reportId);
    }

    private Uni<Upload> one(String sql, UUID id, UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("id", id)
                .setParameter("report", reportId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toUpload(rows.get(0))));
    }

    Uni<Void> append(UUID id, int startOffset, byte[] data, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO photo_upload_chunks (upload_id, start_offset, data) VALUES (:id, :start, :data)
                        """)
                .setParameter("id", id)
                .setParameter("start", startOffset)
                .setParameter("data", data)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(
                                "UPDATE photo_uploads SET upload_offset = :offset, updated_at = :at WHERE id = :id")
                        .setParameter("offset", startOffset + data.length)
                        .setParameter("at", at.atOffset(ZoneOffset.UTC))
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid());
    }

    /** Every byte received so far, in order. */
    Uni<byte[]> received(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT coalesce(string_agg(data, ''::bytea ORDER BY start_offset), ''::bytea)
                        FROM photo_upload_chunks WHERE upload_id = :id
                        """, byte[].class)
                .setParameter("id", id)
                .getSingleResult());
    }

    /** The photo is stored: the upload keeps pointing at it, its chunks go. */
    Uni<Void> finish(UUID id, int length, UUID photoId, Instant at) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE photo_uploads SET upload_offset = :length, photo_id = :photo, updated_at = :at
                        WHERE id = :id
                        """)
                .setParameter("length", length)
                .setParameter("photo", photoId)
                .setParameter("at", at.atOffset(ZoneOffset.UTC))
                .setParameter("id", id)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("DELETE FROM photo_upload_chunks WHERE upload_id = :id")
                        .setParameter("id", id)
                        .executeUpdate())
                .replaceWithVoid());
    }

    /** Drops an upload and its chunks (its bytes were refused). */
    Uni<Void> discard(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("DELETE FROM photo_uploads WHERE id = :id")
                .setParameter("id", id)
                .executeUpdate()
                .replaceWithVoid());
    }

    /**
     * Drops every upload, finished or not, whose last byte arrived before {@code before}; answers how
     * many. Runs from a timer, outside any request, so on the pool rather than a session.
     */
    Uni<Integer> purge(Instant before) {
        return pool.preparedQuery("DELETE FROM photo_uploads WHERE updated_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    private static Upload toUpload(Object[] r) {
        return new Upload((UUID) r[0], (UUID) r[1], (UUID) r[2], ((Number) r[3]).intValue(), ((Number) r[4]).intValue(),
                (UUID) r[5]);
    }
}
