package vn.baochay.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** Push notifications to reporters' phones through Firebase Cloud Messaging. */
@ConfigMapping(prefix = "baochay.push")
public interface PushConfig {

    /**
     * A Firebase service account key (JSON). Unset, the standard GOOGLE_APPLICATION_CREDENTIALS file is
     * used; with neither, push is off (one line says so at start) and everything else works.
     */
    Optional<String> credentialsFile();

    /** The Firebase project; unset, the one named in the service account key. */
    Optional<String> projectId();

    /** Where FCM's HTTP v1 API is (only ever changed to reach a regional endpoint, a proxy, or a test's stand-in). */
    @WithDefault("https://fcm.googleapis.com")
    String fcmUrl();

    /** A notification not delivered within this long is dropped by FCM: old news helps nobody. */
    @WithDefault("PT1H")
    Duration ttl();

    /** Messages per sendEach call (FCM takes at most 500). */
    @WithDefault("500")
    @Min(1)
    @Max(500)
    int batchSize();

    /** Sends of one notification before it is given up as failed. */
    @WithDefault("8")
    @Min(1)
    int maxAttempts();

    /** First wait before a retry; it doubles each time, up to maxBackoff, and a Retry-After wins if longer. */
    @WithDefault("PT2S")
    Duration initialBackoff();

    @WithDefault("PT10M")
    Duration maxBackoff();

    /** The relay looks for due notifications at least this often (a committed event wakes it sooner). */
    @WithDefault("PT1S")
    Duration pollInterval();
}
