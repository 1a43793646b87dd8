package vn.baochay.web;

import vn.baochay.common.Reason;

/**
 * The stable problem types of the API and the HTTP status of each. The citizen app's types are
 * listed in mobile-api-spec/openapi.yaml, the dispatchers' in the README; a test checks both lists.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
    INVALID_REQUEST("invalid-request", 400, "The request has invalid fields"),
    INVALID_LOCATION("invalid-location", 400, "The reported location is missing or invalid"),
    INVALID_CREDENTIALS("invalid-credentials", 401, "Wrong username or password"),
    UNAUTHENTICATED("unauthenticated", 401, "Log in first"),
    OUT_OF_JURISDICTION("out-of-jurisdiction", 403, "Outside your provinces"),
    FORBIDDEN("forbidden", 403, "Your role does not allow this"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    IDEMPOTENCY_CONFLICT("idempotency-conflict", 409, "This clientReportId was already used for a different report"),
    ALREADY_ACKNOWLEDGED("already-acknowledged", 409, "Already acknowledged"),
    ILLEGAL_TRANSITION("illegal-transition", 409, "Not possible in the incident's current status"),
    STALE_VERSION("stale-version", 409, "The incident changed since you loaded it"),
    UNIT_UNAVAILABLE("unit-unavailable", 409, "The unit is not available"),
    TRANSMITTER_ACCOUNT_TAKEN("transmitter-account-taken", 409, "Another premises uses this transmitter account"),
    PHOTO_CONFLICT("photo-conflict", 409, "This clientPhotoId was already used for a different photo"),
    PHOTO_LIMIT("photo-limit", 409, "The report has as many photos as it may"),
    UPLOAD_OFFSET_MISMATCH("upload-offset-mismatch", 409, "Upload-Offset is not where the upload stands"),
    LENGTH_REQUIRED("length-required", 411, "Send the body with a Content-Length"),
    TUS_VERSION("tus-version", 412, "Unsupported tus version"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    IMAGE_TOO_LARGE("image-too-large", 413, "The image has too many pixels"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported content type"),
    INVALID_IMAGE("invalid-image", 422, "The image is empty, truncated or corrupt"),
    TOO_MANY_ATTEMPTS("too-many-attempts", 429, "Too many attempts; wait and try again"),
    RATE_LIMITED("rate-limited", 429, "Too many requests; wait and send the same request again"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Temporarily unavailable, retry with the same request"),
    INTERNAL_ERROR("internal-error", 500, "Internal error");

    public static final String BASE = "https://baochay.vn/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    /** What a domain refusal becomes over HTTP; the switch lists every reason, so a new one cannot be forgotten. */
    public static ProblemType of(Reason reason) {
        return switch (reason) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case INVALID_LOCATION -> INVALID_LOCATION;
            case TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case LENGTH_REQUIRED -> LENGTH_REQUIRED;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case IMAGE_TOO_LARGE -> IMAGE_TOO_LARGE;
            case INVALID_IMAGE -> INVALID_IMAGE;
            case PHOTO_CONFLICT -> PHOTO_CONFLICT;
            case PHOTO_LIMIT -> PHOTO_LIMIT;
            case UPLOAD_OFFSET_MISMATCH -> UPLOAD_OFFSET_MISMATCH;
            case UNSUPPORTED_PROTOCOL_VERSION -> TUS_VERSION;
            case BUSY -> SERVICE_UNAVAILABLE;
            case RATE_LIMITED -> RATE_LIMITED;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case INVALID_CREDENTIALS -> INVALID_CREDENTIALS;
            case TOO_MANY_ATTEMPTS -> TOO_MANY_ATTEMPTS;
            case FORBIDDEN -> FORBIDDEN;
            case OUT_OF_JURISDICTION -> OUT_OF_JURISDICTION;
            case NOT_FOUND -> NOT_FOUND;
            case IDEMPOTENCY_CONFLICT -> IDEMPOTENCY_CONFLICT;
            case ALREADY_ACKNOWLEDGED -> ALREADY_ACKNOWLEDGED;
            case ILLEGAL_TRANSITION -> ILLEGAL_TRANSITION;
            case STALE_VERSION -> STALE_VERSION;
            case UNIT_UNAVAILABLE -> UNIT_UNAVAILABLE;
            case TRANSMITTER_ACCOUNT_TAKEN -> TRANSMITTER_ACCOUNT_TAKEN;
        };
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return BASE + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
