package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.SqlValues;

/** Photo rows ({@code photos}); never the image bytes, which are in {@link PhotoStore}. */
@ApplicationScoped
class PhotoRepository {

    private static final String COLUMNS = """
            SELECT id, report_id, client_photo_id, upload_sha256, format, upload_bytes, width, height,
                   display_bytes, thumb_bytes, taken_at, exif_lat, exif_lon, received_at
            FROM photos
            """;

    private final Mutiny.SessionFactory sessions;

    PhotoRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Serialises adding photos to one report until the transaction ends (the per-report limit). */
    Uni<Void> lockReport(UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(pg_advisory_xact_lock(hashtextextended(:key, 114)))", Long.class)
                .setParameter("key", "photos:" + reportId)
                .getSingleResult()
                .replaceWithVoid());
    }

    Uni<StoredPhoto> find(UUID reportId, UUID clientPhotoId) {
        return sessions.withSession(session -> session.createNativeQuery(COLUMNS
                        + " WHERE report_id = :report AND client_photo_id = :client", Object[].class)
                .setParameter("report", reportId)
                .setParameter("client", clientPhotoId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toPhoto(rows.get(0))));
    }

    Uni<StoredPhoto> byId(UUID photoId) {
        return sessions.withSession(session -> session.createNativeQuery(COLUMNS + " WHERE id = :id", Object[].class)
                .setParameter("id", photoId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toPhoto(rows.get(0))));
    }

    /** Photos of these reports, oldest first. */
    Uni<List<StoredPhoto>> ofReports(Collection<UUID> reportIds) {
        if (reportIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sessions.withSession(session -> session.createNativeQuery(COLUMNS
                        + " WHERE report_id IN (:reports) ORDER BY received_at, id", Object[].class)
                .setParameter("reports", reportIds)
                .getResultList()
                .map(rows -> rows.stream().map(PhotoRepository::toPhoto).toList()));
    }

    Uni<Long> countOf(UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(*) FROM photos WHERE report_id = :report", Long.class)
                .setParameter("report", reportId)
                .getSingleResult());
    }

    Uni<Void> insert(StoredPhoto photo) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO photos (id, report_id, client_photo_id, upload_sha256, format, upload_bytes, width,
                                            height, display_bytes, thumb_bytes, taken_at, exif_lat, exif_lon, received_at)
                        VALUES (:id, :report, :client, :sha, :format, :uploadBytes, :width, :height, :displayBytes,
                                :thumbBytes, :takenAt, :lat, :lon, :receivedAt)
                        """)
                .setParameter("id", photo.id())
                .setParameter("report", photo.reportId())
                .setParameter("client", photo.clientPhotoId())
                .setParameter("sha", photo.uploadSha256())
                .setParameter("format", photo.format().name())
                .setParameter("uploadBytes", photo.uploadBytes())
                .setParameter("width", photo.width())
                .setParameter("height", photo.height())
                .setParameter("displayBytes", photo.displayBytes())
                .setParameter("thumbBytes", photo.thumbBytes())
                .setParameter("takenAt", photo.takenAt() == null ? null : photo.takenAt().atOffset(ZoneOffset.UTC))
                .setParameter("lat", photo.exifLat())
                .setParameter("lon", photo.exifLon())
                .setParameter("receivedAt", photo.receivedAt().atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    private static StoredPhoto toPhoto(Object[] r) {
        return new StoredPhoto((UUID) r[0], (UUID) r[1], (UUID) r[2], (byte[]) r[3], ImageFormat.valueOf((String) r[4]),
                ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(),
                ((Number) r[8]).intValue(), ((Number) r[9]).intValue(), SqlValues.instant(r[10]),
                r[11] == null ? null : ((Number) r[11]).doubleValue(), r[12] == null ? null : ((Number) r[12]).doubleValue(),
                SqlValues.instant(r[13]));
    }
}
