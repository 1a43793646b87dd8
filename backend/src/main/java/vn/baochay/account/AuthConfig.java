package vn.baochay.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Dispatcher accounts and tokens. */
@ConfigMapping(prefix = "baochay.auth")
public interface AuthConfig {

    /** How long a login lasts: one shift. */
    @WithDefault("PT12H")
    Duration tokenLifetime();

    /** How long a live-feed ticket may wait before the WebSocket it opens. */
    @WithDefault("PT60S")
    Duration liveTicketLifetime();

    /** The first ADMIN account, created at start-up if no account has that username yet. */
    Admin admin();

    interface Admin {
        Optional<String> username();

        Optional<String> password();
    }

    /** Create the demo dispatchers listed in the README (on in the demo, dev and test profiles). */
    @WithDefault("false")
    boolean demoAccounts();

    /**
     * Generate the token signing key pair at the configured locations when they do not exist yet
     * (dev, demo and test). In production the keys come from configuration and must exist.
     */
    @WithDefault("false")
    boolean generateKeys();

    /** Where generated keys are kept; the key locations below it are set in application.properties. */
    @WithDefault("${user.home}/.baochay/keys")
    String keyDir();

    /** Failed logins for one username before it is refused for {@link #lockout()}. */
    @WithDefault("5")
    int maxFailedLogins();

    @WithDefault("PT1M")
    Duration lockout();
}
