package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Where image bytes live, apart from the photo's row. The one implementation keeps them in
 * PostgreSQL ({@link PhotoBlobRepository}), so one backup and one replica hold everything and
 * {@link #put} commits with the photo's row. An S3-compatible store would implement the same three
 * methods (see the README: Photos): {@code put} before the row's transaction commits, with orphans
 * removed by the upload purge.
 */
interface PhotoStore {

    enum Variant {
        DISPLAY, THUMB, ORIGINAL;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Image bytes, their media type, and a strong ETag for HTTP caching. */
    record Blob(byte[] data, String contentType, String etag) {
    }

    Uni<Void> put(UUID photoId, Variant variant, Blob blob);

    /** The bytes, or null when the photo has no such variant. */
    Uni<Blob> get(UUID photoId, Variant variant);

    /** Just the ETag (for a conditional request), or null. */
    Uni<String> etag(UUID photoId, Variant variant);
}
