package vn.baochay.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import vn.baochay.common.FieldError;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI under {@link ProblemType#BASE}; clients
 * branch on it, never on {@code title} or {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }
}
