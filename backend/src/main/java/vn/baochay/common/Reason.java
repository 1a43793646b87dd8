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
    UNIT_UNAVAILABLE
}
