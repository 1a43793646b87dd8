package vn.baochay.flood;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Flood control: token buckets per network address and per device, shared by every instance through
 * PostgreSQL. Each bucket holds {@code capacity} requests and refills {@code per-minute} a minute; a
 * new bucket starts full, so the first request from a new address or device is always taken.
 */
@ConfigMapping(prefix = "baochay.flood")
public interface FloodConfig {

    /**
     * Reports without a registered device, per address. A market behind one carrier address sends
     * many reports of one fire; registered phones are counted per device instead.
     */
    @WithDefault("20")
    double reportAddressCapacity();

    @WithDefault("6")
    double reportAddressPerMinute();

    /** Reports per registered device. */
    @WithDefault("5")
    double reportDeviceCapacity();

    @WithDefault("1")
    double reportDevicePerMinute();

    /** Device registrations per address: each new device is one more first report, so they are few. */
    @WithDefault("10")
    double deviceAddressCapacity();

    @WithDefault("2")
    double deviceAddressPerMinute();

    /** Reporters' messages, per report. */
    @WithDefault("20")
    double messageReportCapacity();

    @WithDefault("6")
    double messageReportPerMinute();

    /** Photo uploads started (whole or resumable), per address. */
    @WithDefault("40")
    double photoAddressCapacity();

    @WithDefault("12")
    double photoAddressPerMinute();

    /**
     * Addresses never limited (addresses or CIDR blocks), e.g. a partner's switchboard gateway, whose
     * reports are many people's: they are neither limited nor counted as one source (no "busy address"
     * label, no burst). Empty in production; the test profile lists the loopback address its own
     * clients use.
     */
    Optional<List<String>> unlimited();

    /** How long an idle bucket is kept (it is full again by then anyway). */
    @WithDefault("PT1H")
    java.time.Duration bucketIdle();
}
