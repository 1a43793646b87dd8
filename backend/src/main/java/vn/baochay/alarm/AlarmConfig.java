package vn.baochay.alarm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The receiving centre for fire-alarm transmitters. */
@ConfigMapping(prefix = "baochay.alarm")
public interface AlarmConfig {

    /** Whether this instance runs the SIA DC-09 receiver at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The address the receiver listens on, TCP and UDP. Loopback by default (and in the demo); a receiving centre
     * sets the address its transmitters reach.
     */
    @WithDefault("127.0.0.1")
    String host();

    /** The port, TCP and UDP; 0 picks a free one (tests). */
    @WithDefault("7009")
    int port();

    /** How far a frame's timestamp may lag behind the receiver's clock (DC-09: 20 s to 40 s, 40 s here). */
    @WithDefault("40s")
    Duration timestampBehind();

    /** How far it may run ahead (DC-09: 20 s). */
    @WithDefault("20s")
    Duration timestampAhead();

    /** The window a frame's timestamp (or an MQTT message's {@code sentAt}) must lie in. */
    default Dc09TimestampWindow timestampWindow() {
        return new Dc09TimestampWindow(timestampBehind(), timestampAhead());
    }

    /**
     * For how long a frame that repeats an earlier one (same account, sequence number and event) is taken as
     * the transmitter sending it again because it missed the ACK, and acknowledged without acting on it twice.
     */
    @WithDefault("10m")
    Duration resendWindow();

    /** A TCP connection that sends nothing for this long is closed (transmitters reconnect). */
    @WithDefault("5m")
    Duration idleTimeout();

    /** How long a frame may take to be stored before the transmitter is answered NAK to send it again. */
    @WithDefault("10s")
    Duration storeTimeout();

    /** The MQTT broker that simpler transmitters publish to (the channels alarm-mqtt and alarm-mqtt-answers). */
    Mqtt mqtt();

    interface Mqtt {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("1883")
        int port();
    }
}
