package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Validates and prepares uploaded photos, by content only: the format from the first bytes, the size
 * from the header before any pixel, then decode (which also proves the image whole), orient, resize
 * and re-encode, or keep a JPEG that needs none of that with only its metadata removed. It runs on a
 * small worker pool of its own, never on an event loop; when that pool has more waiting than it
 * may, further photos are refused with 503 and Retry-After instead of queueing without bound.
 */
@ApplicationScoped
public class PhotoProcessor {

    private static final Duration RETRY_WHEN_BUSY = Duration.ofSeconds(5);

    private final PhotoConfig config;
    private final WorkerExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();

    PhotoProcessor(PhotoConfig config, Vertx vertx) {
        this.config = config;
        this.workers = vertx.createSharedWorkerExecutor("baochay-photos", config.workers());
    }

    @PreDestroy
    void close() {
        workers.closeAndForget();
    }

    /** The photo ready to store, or a refusal saying what is wrong with the bytes. Answers on the caller's context. */
    public Uni<ProcessedPhoto> process(byte[] upload) {
        if (inFlight.incrementAndGet() > config.workers() + config.queue()) {
            inFlight.decrementAndGet();
            return Uni.createFrom().failure(new Rejection(Reason.BUSY,
                    "Many photos are being processed right now; send this one again shortly", RETRY_WHEN_BUSY));
        }
        return workers.executeBlocking(Uni.createFrom().item(() -> prepare(upload)), false)
                .onTermination().invoke(inFlight::decrementAndGet);
    }

    ProcessedPhoto prepare(byte[] upload) {
        BackgroundPriority.lower(config.workerNice());
        if (upload.length == 0) {
            throw new Rejection(Reason.INVALID_IMAGE, "The body is empty: send the image's bytes");
        }
        ImageFormat format = ImageFormat.sniff(upload);
        if (format == null) {
            throw new Rejection(Reason.UNSUPPORTED_MEDIA_TYPE,
                    "The body is not a JPEG, PNG or WebP image (whatever its Content-Type says)");
        }
        BufferedImage pixels = Pixels.bgr(ImageDecoder.decode(upload, format, config.maxPixels(), config.displaySize()));
        ExifHints hints = ExifHints.read(upload);
        BufferedImage display = Pixels.upright(Pixels.fit(pixels, config.displaySize()), hints.orientation());
        BufferedImage thumbnail = Pixels.fit(display, config.thumbnailSize());
        return new ProcessedPhoto(format, upload.length, sha256(upload), display.getWidth(), display.getHeight(),
                displayJpeg(upload, format, hints, pixels, display), jpeg(thumbnail),
                config.keepOriginal() ? upload : null, hints);
    }

    /**
     * A JPEG the phone already sized and turned upright is kept as its pixels arrived, only its
     * metadata removed (lossless, and the most expensive step saved); anything else is re-encoded.
     */
    private byte[] displayJpeg(byte[] upload, ImageFormat format, ExifHints hints, BufferedImage decoded,
                               BufferedImage display) {
        if (format == ImageFormat.JPEG && hints.orientation() == 1 && decoded == display) {
            byte[] stripped = JpegStrip.strip(upload);
            if (stripped != null) {
                return stripped;
            }
        }
        return jpeg(display);
    }

    /** Baseline JPEG with no metadata segments but the JFIF header: no EXIF, no GPS, no maker notes. */
    private byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality((float) config.jpegQuality());
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
