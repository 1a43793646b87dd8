package vn.baochay.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A refusal the caller can act on: a {@link Reason}, a sentence saying what was wrong, the offending
 * fields if any, and when trying again may help. It carries no HTTP status; the edge maps the reason.
 * Subclasses name the domain's own cases (an incident already acknowledged by someone, say).
 */
public class Rejection extends RuntimeException {

    private final Reason reason;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public Rejection(Reason reason, String detail) {
        this(reason, detail, List.of(), null);
    }

    public Rejection(Reason reason, String detail, List<FieldError> errors) {
        this(reason, detail, errors, null);
    }

    /** A refusal after which trying again in {@code retryAfter} may succeed. */
    public Rejection(Reason reason, String detail, Duration retryAfter) {
        this(reason, detail, List.of(), retryAfter);
    }

    protected Rejection(Reason reason, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.reason = reason;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** A refusal about one field or parameter. */
    public static Rejection invalid(String field, String message) {
        return new Rejection(Reason.INVALID_REQUEST, field + " " + message, List.of(new FieldError(field, message)));
    }

    public Reason reason() {
        return reason;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
