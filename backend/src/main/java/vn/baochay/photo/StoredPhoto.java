package vn.baochay.photo;

import java.time.Instant;
import java.util.UUID;

/** A photo's row: what was uploaded, what is stored, and the hints read from its metadata. */
record StoredPhoto(UUID id, UUID reportId, UUID clientPhotoId, byte[] uploadSha256, ImageFormat format,
                   int uploadBytes, int width, int height, int displayBytes, int thumbBytes, Instant takenAt,
                   Double exifLat, Double exifLon, Instant receivedAt) {

    static StoredPhoto of(UUID id, UUID reportId, UUID clientPhotoId, ProcessedPhoto photo, Instant receivedAt) {
        ExifHints hints = photo.hints();
        return new StoredPhoto(id, reportId, clientPhotoId, photo.uploadSha256(), photo.format(), photo.uploadBytes(),
                photo.width(), photo.height(), photo.display().length, photo.thumbnail().length, hints.takenAt(),
                hints.lat(), hints.lon(), receivedAt);
    }

    boolean hasLocation() {
        return exifLat != null && exifLon != null;
    }
}
