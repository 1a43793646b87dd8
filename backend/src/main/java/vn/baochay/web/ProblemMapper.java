package vn.baochay.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.baochay.common.Failures;
import vn.baochay.common.FieldError;
import vn.baochay.common.Rejection;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response with a stable
 * {@code type}. Requests that fail here have changed nothing: validation runs before any service.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** A refusal from domain code: its reason decides the problem type; a suggested wait becomes Retry-After. */
    @ServerExceptionMapper
    public Response rejected(Rejection e, HttpServerRequest request) {
        Response response = respond(ProblemType.of(e.reason()), e.getMessage(), e.errors(), request);
        return e.retryAfter()
                .map(wait -> Response.fromResponse(response)
                        .header("Retry-After", Math.max(1, (wait.toMillis() + 999) / 1000)).build())
                .orElse(response);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return respond(typeFor(errors), "Some fields are invalid: " + describe(errors), errors, request);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, HttpServerRequest request) {
        return respond(ProblemType.MALFORMED_JSON, "The body could not be parsed as JSON: " + e.getOriginalMessage(),
                List.of(), request);
    }

    /** Declared for the subclasses too: Quarkus has built-in mappers for them that answer plain JSON. */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class})
    public Response mismatched(JsonMappingException e, HttpServerRequest request) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty() || truncated(e)) {
            return respond(ProblemType.MALFORMED_JSON, "The body is not complete, valid JSON of the expected shape: "
                    + e.getOriginalMessage(), List.of(), request);
        }
        List<FieldError> errors = List.of(new FieldError(field, expectation(e)));
        return respond(typeFor(errors), "Some fields are invalid: " + describe(errors), errors, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        // Quarkus REST sometimes wraps the JSON reader's failure in a plain 400: answer it as such.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                return mismatched(mapping, request);
            }
            if (cause instanceof JsonParseException parse) {
                return malformed(parse, request);
            }
        }
        int status = e.getResponse().getStatus();
        return respond(typeForStatus(status), e.getMessage(), List.of(), request);
    }

    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        return respond(ProblemType.UNAUTHENTICATED, "Log in first: send Authorization: Bearer <token> from "
                + "POST /api/v1/dispatch/login (an expired token must be renewed the same way)", List.of(), request);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        return respond(ProblemType.FORBIDDEN, "Your role does not allow this action", List.of(), request);
    }

    private static ProblemType typeForStatus(int status) {
        return switch (status) {
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.TOO_MANY_ATTEMPTS;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (Failures.isUnavailable(e)) {
            LOG.warnf("Service unavailable for %s %s: %s", request.method(), request.path(), e.toString());
            return Response.fromResponse(respond(ProblemType.SERVICE_UNAVAILABLE,
                    "A backing service is unavailable; the request was not stored. Retry with the same body.", List.of(),
                    request)).header("Retry-After", "5").build();
        }
        String ref = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s for %s %s", ref, request.method(), request.path());
        return respond(ProblemType.INTERNAL_ERROR, "Unexpected failure, reference " + ref, List.of(), request);
    }

    static Response respond(ProblemType type, String detail, List<FieldError> errors, HttpServerRequest request) {
        return Response.status(type.status()).type(ProblemType.MEDIA_TYPE)
                .entity(Problem.of(type, detail, request.path(), errors)).build();
    }

    /** A body cut short (a dropped connection on a 2G link) is malformed JSON, whatever field it stopped in. */
    private static boolean truncated(JsonMappingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    || t.getMessage() != null && t.getMessage().contains("end-of-input")) {
                return true;
            }
        }
        return false;
    }

    private static ProblemType typeFor(List<FieldError> errors) {
        boolean location = errors.stream().anyMatch(f -> f.field().equals("location") || f.field().startsWith("location."));
        return location ? ProblemType.INVALID_LOCATION : ProblemType.INVALID_REQUEST;
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }

    /** The JSON path of a violation ("" for the body itself): the resource method and parameter names are not the client's business. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field.toString();
    }

    private static String expectation(JsonMappingException e) {
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
            }
            if (target == UUID.class) {
                return "must be a UUID";
            }
            if (target != null && java.time.temporal.Temporal.class.isAssignableFrom(target)) {
                return "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:30+07:00";
            }
            if (target != null && Number.class.isAssignableFrom(target) || target == double.class) {
                return "must be a number";
            }
        }
        if (e.getCause() instanceof java.time.DateTimeException) {
            return "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:30+07:00";
        }
        return "has the wrong type: " + e.getOriginalMessage();
    }
}
