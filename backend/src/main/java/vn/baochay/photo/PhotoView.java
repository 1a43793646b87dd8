package vn.baochay.photo;

import java.time.Instant;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/**
 * A photo as a dispatcher's incident detail lists it: where to fetch the thumbnail and the display
 * size, their size, and the camera's own hints ("taken at 14:05, here"), which may beat the
 * report's position indoors.
 */
public record PhotoView(UUID id, UUID reportId, String thumbnailUrl, String url, int width, int height, int bytes,
                        Instant takenAt, GeoPoint takenAtLocation, Instant receivedAt) {

    static final String PATH = "/api/v1/dispatch/photos/";

    static PhotoView of(StoredPhoto photo) {
        return new PhotoView(photo.id(), photo.reportId(), PATH + photo.id() + "?size=thumb",
                PATH + photo.id() + "?size=display", photo.width(), photo.height(), photo.displayBytes(),
                photo.takenAt(), photo.hasLocation() ? new GeoPoint(photo.exifLat(), photo.exifLon()) : null,
                photo.receivedAt());
    }
}
