package vn.baochay.photo;

/**
 * A photo made ready to store: upright, re-encoded as JPEG with no metadata at all, in a display
 * size and a thumbnail; the hints read from its metadata; and what identifies the upload.
 */
record ProcessedPhoto(ImageFormat format, int uploadBytes, byte[] uploadSha256, int width, int height,
                      byte[] display, byte[] thumbnail, byte[] original, ExifHints hints) {
}
