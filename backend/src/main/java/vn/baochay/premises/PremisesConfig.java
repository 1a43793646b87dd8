package vn.baochay.premises;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Premises with fire-alarm transmitters, and how their transmitters are supervised. */
@ConfigMapping(prefix = "baochay.premises")
public interface PremisesConfig {

    /**
     * GeoJSON premises files imported at every start (a premises whose account is already registered is left as
     * it is): file paths or {@code classpath:} resources. Unset in production; demo, dev and test load the demo set.
     */
    Optional<List<String>> importOnStart();

    /** How long past its reporting interval a transmitter may stay quiet before it shows as silent. */
    @WithDefault("30s")
    Duration supervisionGrace();

    /** How often each instance looks for transmitters that have gone silent. */
    @WithDefault("2s")
    Duration supervisionCheckEvery();
}
