package vn.baochay.photo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import vn.baochay.common.Rejection;

/** The tus {@code Upload-Metadata} header: comma-separated {@code key base64(value)} pairs. Only clientPhotoId is read. */
final class UploadMetadata {

    private UploadMetadata() {
    }

    /** The clientPhotoId the upload will be stored as, or null when the metadata names none. */
    static UUID clientPhotoId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.strip().split(" ");
            if (parts.length > 2 || parts[0].isEmpty()) {
                throw Rejection.invalid("Upload-Metadata", "must be comma-separated 'key base64value' pairs");
            }
            if (!parts[0].equals("clientPhotoId")) {
                continue;
            }
            try {
                String value = parts.length < 2 ? "" : new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                throw Rejection.invalid("Upload-Metadata", "clientPhotoId must be a base64-encoded UUID");
            }
        }
        return null;
    }
}
