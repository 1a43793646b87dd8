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

    /**
     * Ends {@code response} with this problem, for Vert.x route handlers that answer before RESTEasy (and
     * {@link ProblemMapper}) is reached; headers such as {@code Retry-After} are set by the caller first.
     */
    public static void send(io.vertx.core.http.HttpServerResponse response, ProblemType type, String detail,
                            String instance) {
        response.setStatusCode(type.status()).putHeader("Content-Type", ProblemType.MEDIA_TYPE)
                .end(io.vertx.core.json.Json.encode(of(type, detail, instance, List.of())));
    }
}
