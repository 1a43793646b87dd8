package vn.baochay.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions of values read by native queries, whose Java type depends on the driver path. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A {@code timestamptz} column as an instant (null stays null). */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
