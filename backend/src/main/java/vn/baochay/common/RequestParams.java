package vn.baochay.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Parses path and query parameters so that bad ones are refused with the parameter's name
 * (JAX-RS would answer a bare 404 for a path or query parameter it cannot convert).
 */
public final class RequestParams {

    private RequestParams() {
    }

    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.invalid(name, "must be a UUID");
        }
    }

    /** A required coordinate in [-limit, limit]; any error is an invalid location. */
    public static double coordinate(String name, String value, double limit) {
        if (value == null || value.isBlank()) {
            throw invalidLocation(name, "is required");
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalidLocation(name, "must be a number");
        }
        if (!Double.isFinite(parsed) || parsed < -limit || parsed > limit) {
            throw invalidLocation(name, "must be between " + -limit + " and " + limit);
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
            // refused below like an out-of-range value
        }
        throw Rejection.invalid(name, "must be a whole number from " + min + " to " + max);
    }

    /** A comma-separated list of enum constants; {@code whenAbsent} when the parameter is missing or blank. */
    public static <E extends Enum<E>> Set<E> enumSet(String name, String value, Class<E> type, Set<E> whenAbsent) {
        if (value == null || value.isBlank()) {
            return whenAbsent;
        }
        Set<E> values = EnumSet.noneOf(type);
        for (String part : value.split(",")) {
            try {
                values.add(Enum.valueOf(type, part.strip()));
            } catch (IllegalArgumentException e) {
                throw Rejection.invalid(name, "must be a comma-separated list of "
                        + Arrays.toString(type.getEnumConstants()));
            }
        }
        return values;
    }

    /** An optional ISO-8601 date-time with offset; null when absent. */
    public static Instant dateTime(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejection.invalid(name, "must be an ISO-8601 date-time with offset");
        }
    }

    /** An optional text parameter, stripped; null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Rejection invalidLocation(String name, String message) {
        return new Rejection(Reason.INVALID_LOCATION, name + " " + message, List.of(new FieldError(name, message)));
    }
}
