package vn.baochay.alarm;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** DC-09's timestamp, {@code HH:MM:SS,MM-DD-YYYY} in UTC, written after an underscore at the end of a frame. */
final class Dc09Timestamps {

    static final int LENGTH = 19;

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private Dc09Timestamps() {
    }

    static String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Optional<Instant> parse(String text) {
        if (text.length() != LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
