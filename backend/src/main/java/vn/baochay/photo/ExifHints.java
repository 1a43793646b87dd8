package vn.baochay.photo;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * What a photo's metadata tells, read before it is thrown away: how to turn the pixels upright,
 * and where and when the camera says it was taken. Indoors in a market the camera's GPS fix can be
 * better than the report's; dispatchers see it as a hint, nobody else does.
 */
record ExifHints(int orientation, Double lat, Double lon, Instant takenAt) {

    static final ExifHints NONE = new ExifHints(1, null, null, null);

    /** A capture time without an offset is taken as Vietnam's time, where the phones are. */
    private static final TimeZone LOCAL = TimeZone.getTimeZone("Asia/Ho_Chi_Minh");

    boolean hasLocation() {
        return lat != null && lon != null;
    }

    /** Never fails: a photo with unreadable metadata is still a photo, without hints. */
    static ExifHints read(byte[] image) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NONE;
        }
        return new ExifHints(orientation(metadata), location(metadata, true), location(metadata, false),
                takenAt(metadata));
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        try {
            int value = ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION) ? 1
                    : ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : 1;
        } catch (MetadataException e) {
            return 1;
        }
    }

    private static Double location(Metadata metadata, boolean latitude) {
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation at = gps == null ? null : gps.getGeoLocation();
        if (at == null || at.isZero() || Math.abs(at.getLatitude()) > 90 || Math.abs(at.getLongitude()) > 180) {
            return null;
        }
        return latitude ? at.getLatitude() : at.getLongitude();
    }

    private static Instant takenAt(Metadata metadata) {
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Date original = exif == null ? null : exif.getDateOriginal(LOCAL);
        return original == null ? null : original.toInstant();
    }
}
