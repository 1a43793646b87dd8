package vn.baochay.common;

/** One offending input, named by its JSON path (for example {@code location.lat}) or parameter name. */
public record FieldError(String field, String message) {
}
