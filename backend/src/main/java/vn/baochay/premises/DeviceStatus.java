package vn.baochay.premises;

import java.time.Instant;

/**
 * A transmitter's state as the device board shows it. {@code state}: NORMAL; FAULT (a trouble it reported is
 * not restored yet: {@code fault}); SILENT (no signal for longer than its reporting interval plus grace);
 * UNKNOWN (registered, never heard from). {@code since}: when it entered that state.
 */
public record DeviceStatus(State state, Instant since, Instant lastSignalAt, Fault fault,
                           Integer reportingIntervalSeconds) {

    public enum State { UNKNOWN, NORMAL, FAULT, SILENT }

    /** The outstanding trouble: its event code in the format it came in, and the zone it named. */
    public record Fault(String code, String zone, String format) {
    }
}
