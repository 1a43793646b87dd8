package vn.baochay.photo;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Photos;

/** Removing a JPEG's metadata without touching a pixel. */
class JpegStripTest {

    @Test
    void cameraMetadataAndWhatFollowsTheImageGoButEveryPixelStays() throws Exception {
        byte[] camera = Photos.jpegWithExif(640, 480, 1, 21.3856, 103.0169, "2026:12:01 14:05:00");
        // A motion photo's video, appended after the image as some phones do.
        byte[] withTrailer = concat(camera, "ftypmp42 video of the scene".getBytes(StandardCharsets.US_ASCII));

        byte[] stripped = JpegStrip.strip(withTrailer);

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(stripped), stripped.length);
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        String text = new String(stripped, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif").doesNotContain("Test Phone").doesNotContain("ftyp").doesNotContain("JFIF");
        assertThat(stripped[stripped.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(stripped[stripped.length - 1] & 0xFF).isEqualTo(0xD9);
        assertSamePixels(Photos.read(stripped), Photos.read(camera));
    }

    @Test
    void whatIsNotAWholeJpegIsLeftToBeReEncoded() {
        assertThat(JpegStrip.strip(Photos.truncated(Photos.jpeg(640, 480), 0.5))).isNull();
        assertThat(JpegStrip.strip(Photos.png(10, 10))).isNull();
        assertThat(JpegStrip.strip(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y += 7) {
            for (int x = 0; x < expected.getWidth(); x += 7) {
                assertThat(actual.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected.getRGB(x, y));
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
