package vn.baochay.photo;

import java.io.ByteArrayOutputStream;

/**
 * Takes every piece of metadata out of a JPEG without touching its pixels: the APPn segments
 * (EXIF with its GPS position, XMP, ICC, IPTC, maker notes, MPF, and the JFIF header with any
 * thumbnail it carries) and comments go; only the Adobe colour transform flag (APP14), which decoding
 * needs, stays; and everything after
 * the image's end (motion-photo videos, depth maps, second images) goes too. Lossless and cheap, so a
 * photo a phone has already sized for us is stored exactly as its pixels arrived.
 */
final class JpegStrip {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP14 = 0xEE;
    private static final int APP15 = 0xEF;
    private static final int COM = 0xFE;

    private JpegStrip() {
    }

    /** The JPEG without metadata, or null when its structure is not one this can read (re-encode it instead). */
    static byte[] strip(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(0xFF);
        out.write(SOI);
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;           // fill byte
                continue;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (length < 2 || at + 2 + length > jpeg.length) {
                return null;
            }
            boolean metadata = marker >= APP0 && marker <= APP15 && marker != APP14 || marker == COM;
            if (marker == SOS) {
                int end = endOfImage(jpeg, at + 2 + length);
                if (end < 0) {
                    return null;
                }
                out.write(jpeg, at, end - at);
                return out.toByteArray();
            }
            if (!metadata) {
                out.write(jpeg, at, 2 + length);
            }
            at += 2 + length;
        }
        return null;
    }

    /**
     * Where the image ends, just past its EOI: in entropy-coded data a 0xFF byte is always followed by
     * 0x00 (stuffing) or a marker, so the first FF D9 after the first scan is the image's end.
     */
    private static int endOfImage(byte[] jpeg, int from) {
        for (int i = from; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == EOI) {
                return i + 2;
            }
        }
        return -1;
    }
}
