package vn.baochay.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI under {@link ProblemType#BASE}; clients
 * branch on it, never on {@code title} or {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** One offending input, named by its JSON path (for example {@code location.lat}). */
    public record FieldError(String field, String message) {
    }
}
