package vn.baochay.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live feed to dispatch consoles. */
@ConfigMapping(prefix = "baochay.live")
public interface LiveConfig {

    /**
     * How events reach every instance's consoles: {@code in-memory} (one instance) or {@code rabbitmq}
     * (the cluster profile: a fanout exchange, one queue per instance).
     */
    @WithDefault("in-memory")
    String fanout();

    /** The relay looks for new events at least this often (a NOTIFY at commit usually wakes it sooner). */
    @WithDefault("PT0.5S")
    Duration relayPollInterval();

    /** Events the relay reads and publishes in one go. */
    @WithDefault("200")
    int relayBatch();

    /**
     * If the fan-out brings nothing while the log has moved on for this long (the broker is down, say),
     * an instance reads the missing events from the database itself. Nothing is lost either way.
     */
    @WithDefault("PT3S")
    Duration catchUpAfter();

    @WithDefault("PT15S")
    Duration heartbeat();

    /** A console further behind than this many events gets a fresh snapshot instead of a replay. */
    @WithDefault("5000")
    int maxReplay();

    /** Messages waiting to be sent to one console before it is told to resync (bounded memory). */
    @WithDefault("500")
    int maxQueuedPerConsole();
}
