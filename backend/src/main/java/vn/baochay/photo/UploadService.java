package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.UUID;
import vn.baochay.common.NotFound;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;
import vn.baochay.report.ReportService;

/**
 * Resumable photo uploads (tus 1.0 core and creation) for phones on 2G: each PATCH appends one
 * chunk at the offset the server has; the last one makes the photo, in the same transaction, so a
 * photo exists exactly when its last byte has arrived. A PATCH cut off mid-body stores nothing of
 * it; the phone asks the offset (HEAD) and resumes.
 */
@ApplicationScoped
public class UploadService {

    private final Transactions transactions;
    private final ReportService reports;
    private final UploadRepository uploads;
    private final PhotoRepository photos;
    private final PhotoService photoService;
    private final PhotoProcessor processor;
    private final PhotoConfig config;
    private final Clock clock;
    private final vn.baochay.flood.FloodControl flood;

    UploadService(Transactions transactions, ReportService reports, UploadRepository uploads, PhotoRepository photos,
                  PhotoService photoService, PhotoProcessor processor, PhotoConfig config, Clock clock,
                  vn.baochay.flood.FloodControl flood) {
        this.flood = flood;
        this.transactions = transactions;
        this.reports = reports;
        this.uploads = uploads;
        this.photos = photos;
        this.photoService = photoService;
        this.processor = processor;
        this.config = config;
        this.clock = clock;
    }

    /** Where an upload stands: bytes received of the whole. */
    public record Progress(int offset, int length) {
    }

    /** A new upload of {@code length} bytes; {@code clientPhotoId} (optional) names the photo it will be. */
    public Uni<UUID> create(UUID reportId, String authorization, long length, UUID clientPhotoId, String address) {
        return reports.authorise(reportId, authorization)
                .invoke(() -> {
                    if (length < 1) {
                        throw Rejection.invalid("Upload-Length", "must be a positive whole number of bytes");
                    }
                    photoService.checkSize(length);
                })
                .chain(() -> photos.countOf(reportId))
                .chain(count -> {
                    if (count >= config.maxPerReport()) {
                        throw photoService.limitReached();
                    }
                    return flood.photoUpload(address);
                })
                .chain(() -> {
                    UUID id = UUID.randomUUID();
                    return transactions.inTransaction(() -> uploads.insert(id, reportId, clientPhotoId, (int) length,
                            clock.instant())).replaceWith(id);
                });
    }

    public Uni<Progress> progress(UUID reportId, String authorization, UUID uploadId) {
        return reports.authorise(reportId, authorization)
                .chain(() -> uploads.find(uploadId, reportId))
                .onItem().ifNull().failWith(() -> new NotFound("upload", uploadId))
                .map(upload -> new Progress(upload.offset(), upload.length()));
    }

    /**
     * Appends {@code chunk} at {@code offset}, which must be where the upload stands. When it brings the
     * last byte, the photo is processed and stored before this answers; if its bytes are refused, the
     * upload is discarded and the refusal says why.
     */
    public Uni<Progress> append(UUID reportId, String authorization, UUID uploadId, long offset, byte[] chunk) {
        return reports.authorise(reportId, authorization)
                .chain(() -> transactions.inTransaction(() -> uploads.lock(uploadId, reportId)
                        .onItem().ifNull().failWith(() -> new NotFound("upload", uploadId))
                        .chain(upload -> {
                            if (upload.finished() || offset != upload.offset()) {
                                throw new Rejection(Reason.UPLOAD_OFFSET_MISMATCH, "The upload stands at "
                                        + upload.offset() + " of " + upload.length() + " bytes, not " + offset
                                        + ": ask with HEAD and resume from there");
                            }
                            if (chunk.length > upload.length() - upload.offset()) {
                                throw new Rejection(Reason.TOO_LARGE, "This upload takes " + upload.length() + " bytes; "
                                        + (upload.length() - upload.offset()) + " remain, this PATCH has " + chunk.length);
                            }
                            return upload.offset() + chunk.length < upload.length()
                                    ? uploads.append(uploadId, upload.offset(), chunk, clock.instant())
                                            .replaceWith(new Progress(upload.offset() + chunk.length, upload.length()))
                                    : finish(upload, chunk);
                        })))
                .onFailure(this::refusesTheBytes).call(() -> transactions.inTransaction(() -> uploads.discard(uploadId)));
    }

    private Uni<Progress> finish(UploadRepository.Upload upload, byte[] lastChunk) {
        UUID clientPhotoId = upload.clientPhotoId() == null ? upload.id() : upload.clientPhotoId();
        return uploads.received(upload.id())
                .map(before -> ByteBuffer.allocate(before.length + lastChunk.length).put(before).put(lastChunk).array())
                .chain(processor::process)
                .chain(photo -> photoService.add(upload.reportId(), clientPhotoId, photo))
                .chain(outcome -> uploads.finish(upload.id(), upload.length(), outcome.photo().photoId(), clock.instant()))
                .replaceWith(new Progress(upload.length(), upload.length()));
    }

    /** Refusals of the finished bytes themselves: trying the same bytes again cannot help, so the upload goes. */
    private boolean refusesTheBytes(Throwable failure) {
        return failure instanceof Rejection rejection && switch (rejection.reason()) {
            case UNSUPPORTED_MEDIA_TYPE, IMAGE_TOO_LARGE, INVALID_IMAGE, PHOTO_CONFLICT, PHOTO_LIMIT -> true;
            default -> false;
        };
    }

    /** Drops uploads whose last byte is older than the expiry; answers how many. */
    Uni<Integer> purge() {
        return uploads.purge(clock.instant().minus(config.uploadExpiry()));
    }
}
