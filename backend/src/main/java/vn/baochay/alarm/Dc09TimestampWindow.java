package vn.baochay.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a frame's timestamp may differ from the receiver's clock. The window is lopsided: a frame may be older
 * than the receiver's time by more than it may be newer, because delivery and retries only ever make it older.
 *
 * @param behind how long before the receiver's time a timestamp is still accepted
 * @param ahead  how long after the receiver's time a timestamp is still accepted
 */
public record Dc09TimestampWindow(Duration behind, Duration ahead) {

    /** DC-09's window: 40 seconds behind, 20 seconds ahead of the receiver's clock. */
    public static final Dc09TimestampWindow STANDARD = new Dc09TimestampWindow(Duration.ofSeconds(40),
            Duration.ofSeconds(20));

    public Dc09TimestampWindow {
        Objects.requireNonNull(behind, "behind");
        Objects.requireNonNull(ahead, "ahead");
        if (behind.isNegative() || ahead.isNegative()) {
            throw new IllegalArgumentException("a timestamp window cannot be negative: -" + behind + "/+" + ahead);
        }
    }

    /** Whether {@code stamp} is accepted when the receiver's clock reads {@code now}, bounds included. */
    public boolean admits(Instant stamp, Instant now) {
        return !stamp.isBefore(now.minus(behind)) && !stamp.isAfter(now.plus(ahead));
    }
}
