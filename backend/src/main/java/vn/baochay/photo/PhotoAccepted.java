package vn.baochay.photo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A photo as its reporter sees it, and the answer to its upload (a retry gets the same). Where the
 * photo was taken is not repeated back: {@code hasLocation} only says that dispatchers got a hint.
 */
public record PhotoAccepted(UUID photoId, UUID clientPhotoId, UUID reportId, ImageFormat format, int width,
                            int height, int bytes, boolean hasLocation, Instant receivedAt) {

    static PhotoAccepted of(StoredPhoto photo) {
        return new PhotoAccepted(photo.id(), photo.clientPhotoId(), photo.reportId(), photo.format(), photo.width(),
                photo.height(), photo.displayBytes(), photo.hasLocation(), photo.receivedAt());
    }

    /** A report's photos, oldest first, and how many it may have. */
    public record ReportPhotos(List<PhotoAccepted> photos, int maxPhotos) {
    }
}
