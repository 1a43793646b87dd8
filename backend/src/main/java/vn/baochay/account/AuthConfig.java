package vn.baochay.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Dispatcher accounts and tokens. */
@ConfigMapping(prefix = "baochay.auth")
public interface AuthConfig {

    /** How long an access token lasts; the console renews it with its refresh token before then. */
    @WithDefault("PT15M")
    Duration accessLifetime();

    /** How long a session lasts at most, however often it is refreshed: one shift. */
    @WithDefault("PT12H")
    Duration sessionLifetime();

    /** A refresh token unused for this long expires (a console left closed must log in again). */
    @WithDefault("PT2H")
    Duration refreshIdle();

    /**
     * How long a session's state (revoked? account active? role and provinces) may be reused before it
     * is read again; also how often open sockets are checked. Changes apply within this (and at once on
     * the instance that made them).
     */
    @WithDefault("PT30S")
    Duration sessionCheck();

    /** How long a live-feed ticket may wait before the WebSocket it opens (or renews). */
    @WithDefault("PT60S")
    Duration liveTicketLifetime();

    /** Live sockets one dispatcher may hold open on one instance. */
    @WithDefault("5")
    int maxSocketsPerUser();

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

    /** Log-in attempts for one username from one address in {@link #loginWindow()} before it is refused there. */
    @WithDefault("5")
    int maxFailedLogins();

    /** Failed log-ins from one address, whatever the usernames, in {@link #loginWindow()}. */
    @WithDefault("30")
    int maxFailedLoginsPerAddress();

    /**
     * Failed log-ins for one username from anywhere in {@link #loginWindow()}, after which it may log in
     * only from addresses it has logged in from before: guessing from many addresses stops, and the
     * dispatcher at their own console still gets in.
     */
    @WithDefault("50")
    int maxFailedLoginsPerUsername();

    /** The window log-in attempts are counted in; a refused log-in may try again when it ends. */
    @WithDefault("PT15M")
    Duration loginWindow();
}
