package vn.baochay.photo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Photos of citizen reports: limits, what is kept, and how much image work runs at once. */
@ConfigMapping(prefix = "baochay.photo")
public interface PhotoConfig {

    /** Largest upload, in bytes (whole or resumable). A phone photo resized as the app should is 200–400 KB. */
    @WithDefault("10485760")
    @Min(1024)
    @Max(10485760)
    int maxBytes();

    /** Photos per report. */
    @WithDefault("6")
    @Min(1)
    int maxPerReport();

    /** Images whose header declares more pixels are refused before any is decoded (decompression bombs). */
    @WithDefault("40000000")
    @Min(1_000_000)
    long maxPixels();

    /** Longest side of the stored display image, in pixels. */
    @WithDefault("1600")
    @Min(320)
    int displaySize();

    /** Longest side of the thumbnail. */
    @WithDefault("320")
    @Min(64)
    int thumbnailSize();

    /** JPEG quality of what is stored, 0..1. */
    @WithDefault("0.82")
    double jpegQuality();

    /** Keep the uploaded bytes as well (off: only the re-encoded images, with no metadata, are kept). */
    @WithDefault("false")
    boolean keepOriginal();

    /**
     * Threads decoding images. Image work runs only on these, never on an event loop, and is bounded
     * so that photos cannot take the CPU that report intake needs.
     */
    @WithDefault("1")
    @Min(1)
    int workers();

    /**
     * Nice value the image workers run at (Linux), so that report intake gets the CPU first when both
     * want it; 0 leaves them at normal priority.
     */
    @WithDefault("10")
    @Min(0)
    @Max(19)
    int workerNice();

    /** Photos waiting for a worker before further uploads are answered 503 with Retry-After. */
    @WithDefault("16")
    @Min(1)
    int queue();

    /** Unfinished resumable uploads are purged this long after their last byte arrived. */
    @WithDefault("PT24H")
    Duration uploadExpiry();

    /** How often the purge runs. */
    @WithDefault("PT10M")
    Duration purgeInterval();
}
