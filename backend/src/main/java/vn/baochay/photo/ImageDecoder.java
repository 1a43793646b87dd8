package vn.baochay.photo;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Reads an image's size from its header and only then its pixels: an image declaring more than the
 * pixel limit is refused before anything is decoded, and a large one is decoded subsampled. A
 * reader's warning (a JPEG that ends early, say) counts as a corrupt image.
 */
final class ImageDecoder {

    static {
        // Registers the TwelveMonkeys JPEG reader (more JPEG variants than the JDK's) for ImageIO.
        ImageIO.scanForPlugins();
        // Images are at most 10 MB and already in memory: no temporary files on disk for the streams.
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {
    }

    /** Decoded pixels, at least {@code 2 × longestWanted} on their longest side when the image had that many. */
    static BufferedImage decode(byte[] bytes, ImageFormat format, long maxPixels, int longestWanted) {
        ImageReader reader = readerFor(format);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > maxPixels) {
                throw new Rejection(Reason.IMAGE_TOO_LARGE, "The image is " + width + "×" + height + " pixels; at most "
                        + maxPixels / 1_000_000 + " megapixels are taken. Resize it on the phone first.");
            }
            int subsampling = (int) Math.max(1, Math.max(width, height) / (2L * longestWanted));
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw corrupt(String.join("; ", warnings));
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Rejection rejection) {
                throw rejection;
            }
            throw corrupt(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /** WebP always through the pure-Java reader; JPEG and PNG through ImageIO's preferred one. */
    private static ImageReader readerFor(ImageFormat format) {
        if (format == ImageFormat.WEBP) {
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == ImageFormat.JPEG ? "jpeg" : "png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        return readers.next();
    }

    private static Rejection corrupt(String why) {
        return new Rejection(Reason.INVALID_IMAGE, "The image is truncated or corrupt (" + why + ")");
    }
}
