package vn.baochay.common;

import java.util.List;
import java.util.UUID;

/**
 * Parses path and query parameters so that bad ones answer 400 with the parameter's name
 * (JAX-RS would answer a bare 404 for a path or query parameter it cannot convert).
 */
public final class RequestParams {

    private RequestParams() {
    }

    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(ProblemType.INVALID_REQUEST, name, "must be a UUID");
        }
    }

    /** A required coordinate in [-limit, limit]; any error is an invalid location. */
    public static double coordinate(String name, String value, double limit) {
        if (value == null || value.isBlank()) {
            throw invalid(ProblemType.INVALID_LOCATION, name, "is required");
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(ProblemType.INVALID_LOCATION, name, "must be a number");
        }
        if (!Double.isFinite(parsed) || parsed < -limit || parsed > limit) {
            throw invalid(ProblemType.INVALID_LOCATION, name, "must be between " + -limit + " and " + limit);
        }
        return parsed;
    }

    public static int intInRange(String name, String value, int min, int max, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        throw invalid(ProblemType.INVALID_REQUEST, name, "must be a whole number from " + min + " to " + max);
    }

    private static ProblemException invalid(ProblemType type, String name, String message) {
        return new ProblemException(type, name + " " + message, List.of(new Problem.FieldError(name, message)));
    }
}
