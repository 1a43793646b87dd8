package vn.baochay.station;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Station data. */
@ConfigMapping(prefix = "baochay.station")
public interface StationConfig {

    /**
     * GeoJSON station files imported (upserted) at every start, in order: file paths, or
     * {@code classpath:} resources. Unset in production; the demo, dev and test profiles load the demo set.
     */
    Optional<List<String>> importOnStart();
}
