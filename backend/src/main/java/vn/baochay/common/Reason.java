package vn.baochay.common;

/**
 * Why a request was refused, in the domain's words. Domain code says which reason applies (through a
 * {@link Rejection}); only the HTTP edge ({@code vn.baochay.web}) decides what status and problem type
 * each one becomes.
 */
public enum Reason {
    /** A field or parameter is missing, malformed or out of range. */
    INVALID_REQUEST,
    /** The same, for a position: a citizen app shows the user a different message for it. */
    INVALID_LOCATION,
    /** A body longer than the operation takes. */
    TOO_LARGE,
    /** A body whose size was not declared (chunked), where the size is checked before reading. */
    LENGTH_REQUIRED,
    /** A body of a kind the operation does not take (judged by its content, not its declared type). */
    UNSUPPORTED_MEDIA_TYPE,
    /** An image whose header declares more pixels than are ever decoded. */
    IMAGE_TOO_LARGE,
    /** An empty, truncated or corrupt image. */
    INVALID_IMAGE,
    /** A photo id already used for different bytes. */
    PHOTO_CONFLICT,
    /** The report already has as many photos as it may. */
    PHOTO_LIMIT,
    /** A resumable upload continued from an offset that is not where it stands. */
    UPLOAD_OFFSET_MISMATCH,
    /** A protocol version the server does not speak (tus). */
    UNSUPPORTED_PROTOCOL_VERSION,
    /** Too much work queued right now; try again shortly. */
    BUSY,
    /** Flood control: too many requests from one address or device; the same request may come again later. */
    RATE_LIMITED,
    UNAUTHENTICATED,
    INVALID_CREDENTIALS,
    TOO_MANY_ATTEMPTS,
    /** The actor's role does not allow the action. */
    FORBIDDEN,
    /** The thing exists but lies outside the provinces the actor covers. */
    OUT_OF_JURISDICTION,
    NOT_FOUND,
    IDEMPOTENCY_CONFLICT,
    ALREADY_ACKNOWLEDGED,
    ILLEGAL_TRANSITION,
    STALE_VERSION,
    UNIT_UNAVAILABLE,
    /** Another registered premises already uses this fire-alarm transmitter account. */
    TRANSMITTER_ACCOUNT_TAKEN
}
