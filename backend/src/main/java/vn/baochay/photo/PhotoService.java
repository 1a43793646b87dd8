package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.baochay.common.Actor;
import vn.baochay.common.NotFound;
import vn.baochay.common.OutOfJurisdiction;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;
import vn.baochay.incident.IncidentActions;
import vn.baochay.incident.IncidentQueries;
import vn.baochay.report.ReportService;

/**
 * Photos of citizen reports: taken in once per clientPhotoId (a retry with the same bytes gets the
 * same answer), at most a few per report, each stored in one transaction with its images and its
 * {@code PhotoAdded} event, so nothing is ever half-stored; and served to dispatchers of the
 * incident's province.
 */
@ApplicationScoped
public class PhotoService {

    private final Transactions transactions;
    private final ReportService reports;
    private final PhotoRepository photos;
    private final PhotoStore store;
    private final PhotoProcessor processor;
    private final IncidentActions incidents;
    private final IncidentQueries queries;
    private final PhotoConfig config;
    private final Clock clock;
    private final vn.baochay.flood.FloodControl flood;

    PhotoService(Transactions transactions, ReportService reports, PhotoRepository photos, PhotoStore store,
                 PhotoProcessor processor, IncidentActions incidents, IncidentQueries queries, PhotoConfig config,
                 Clock clock, vn.baochay.flood.FloodControl flood) {
        this.flood = flood;
        this.transactions = transactions;
        this.reports = reports;
        this.photos = photos;
        this.store = store;
        this.processor = processor;
        this.incidents = incidents;
        this.queries = queries;
        this.config = config;
        this.clock = clock;
    }

    /** Whether an upload stored a new photo or answered a retry of one already stored. */
    public record Outcome(PhotoAccepted photo, boolean created) {
    }

    /** A whole photo in one request, from its reporter; a new one (not a retry) takes a flood-control token. */
    public Uni<Outcome> put(UUID reportId, String authorization, UUID clientPhotoId, byte[] upload, String address) {
        return reports.authorise(reportId, authorization)
                .invoke(() -> checkSize(upload.length))
                .chain(() -> photos.find(reportId, clientPhotoId))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(replay(existing, PhotoProcessor.sha256(upload)))
                        : flood.photoUpload(address).chain(() -> processor.process(upload))
                                .chain(photo -> add(reportId, clientPhotoId, photo)));
    }

    /**
     * Stores a processed photo under the report's lock: the same clientPhotoId again is a retry (or a
     * conflict), and a report that already has its photos refuses another.
     */
    Uni<Outcome> add(UUID reportId, UUID clientPhotoId, ProcessedPhoto photo) {
        return transactions.inTransaction(() -> photos.lockReport(reportId)
                .chain(() -> photos.find(reportId, clientPhotoId))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(replay(existing, photo.uploadSha256()))
                        : photos.countOf(reportId).chain(count -> {
                            if (count >= config.maxPerReport()) {
                                throw limitReached();
                            }
                            // To the microsecond the database keeps, so a retry's answer is the same to the letter.
                            return insert(StoredPhoto.of(UUID.randomUUID(), reportId, clientPhotoId, photo,
                                    clock.instant().truncatedTo(ChronoUnit.MICROS)), photo);
                        })));
    }

    private Uni<Outcome> insert(StoredPhoto row, ProcessedPhoto photo) {
        Uni<Void> stored = photos.insert(row)
                .chain(() -> store.put(row.id(), PhotoStore.Variant.DISPLAY, jpeg(photo.display())))
                .chain(() -> store.put(row.id(), PhotoStore.Variant.THUMB, jpeg(photo.thumbnail())));
        if (photo.original() != null) {
            stored = stored.chain(() -> store.put(row.id(), PhotoStore.Variant.ORIGINAL,
                    blob(photo.original(), "image/" + photo.format().name().toLowerCase(java.util.Locale.ROOT))));
        }
        return stored
                .chain(() -> incidents.recordPhotoAdded(row.reportId(), row.id(), row.hasLocation(), row.receivedAt()))
                .replaceWith(new Outcome(PhotoAccepted.of(row), true));
    }

    /** The reporter's own photo, by its clientPhotoId. */
    public Uni<PhotoAccepted> ofReporter(UUID reportId, String authorization, UUID clientPhotoId) {
        return reports.authorise(reportId, authorization)
                .chain(() -> photos.find(reportId, clientPhotoId))
                .onItem().ifNull().failWith(() -> new NotFound("photo", clientPhotoId))
                .map(PhotoAccepted::of);
    }

    public Uni<PhotoAccepted.ReportPhotos> listOfReporter(UUID reportId, String authorization) {
        return reports.authorise(reportId, authorization)
                .chain(() -> photos.ofReports(List.of(reportId)))
                .map(list -> new PhotoAccepted.ReportPhotos(list.stream().map(PhotoAccepted::of).toList(),
                        config.maxPerReport()));
    }

    /** The photos of these reports, by report, for a dispatcher's incident detail (checked by the caller). */
    public Uni<Map<UUID, List<PhotoView>>> ofReports(Collection<UUID> reportIds) {
        return photos.ofReports(reportIds).map(list -> list.stream().collect(Collectors.groupingBy(
                StoredPhoto::reportId, Collectors.mapping(PhotoView::of, Collectors.toList()))));
    }

    /** An image for a dispatcher of the province of the photo's incident (now: a merge may have moved it). */
    public Uni<PhotoStore.Blob> image(UUID photoId, PhotoStore.Variant variant, Actor actor) {
        return visible(photoId, actor).chain(() -> store.get(photoId, variant))
                .onItem().ifNull().failWith(() -> new NotFound("photo", photoId));
    }

    /** The image's ETag after the same checks, so a cached copy is confirmed without sending the bytes. */
    public Uni<String> etag(UUID photoId, PhotoStore.Variant variant, Actor actor) {
        return visible(photoId, actor).chain(() -> store.etag(photoId, variant))
                .onItem().ifNull().failWith(() -> new NotFound("photo", photoId));
    }

    private Uni<Void> visible(UUID photoId, Actor actor) {
        return photos.byId(photoId)
                .onItem().ifNull().failWith(() -> new NotFound("photo", photoId))
                .chain(photo -> queries.incidentOfReport(photo.reportId()))
                .invoke(incident -> {
                    if (incident == null || !actor.covers(incident.province())) {
                        throw new OutOfJurisdiction("Photo " + photoId + " belongs to an incident outside your provinces");
                    }
                })
                .replaceWithVoid();
    }

    void checkSize(long bytes) {
        if (bytes > config.maxBytes()) {
            throw new Rejection(Reason.TOO_LARGE, "A photo may be at most " + config.maxBytes() + " bytes; this one is "
                    + bytes + ". Resize it on the phone (longest side 1600 px) first.");
        }
    }

    Rejection limitReached() {
        return new Rejection(Reason.PHOTO_LIMIT, "This report already has " + config.maxPerReport() + " photos");
    }

    private static Outcome replay(StoredPhoto existing, byte[] sha256) {
        if (!MessageDigest.isEqual(existing.uploadSha256(), sha256)) {
            throw new Rejection(Reason.PHOTO_CONFLICT, "clientPhotoId " + existing.clientPhotoId()
                    + " was already used for a different photo. Use a new clientPhotoId for a new photo.");
        }
        return new Outcome(PhotoAccepted.of(existing), false);
    }

    private static PhotoStore.Blob jpeg(byte[] data) {
        return blob(data, "image/jpeg");
    }

    private static PhotoStore.Blob blob(byte[] data, String contentType) {
        return new PhotoStore.Blob(data, contentType, "\"" + java.util.HexFormat.of().formatHex(PhotoProcessor.sha256(data))
                .substring(0, 32) + "\"");
    }
}
