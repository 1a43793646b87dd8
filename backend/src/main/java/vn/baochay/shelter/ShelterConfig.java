package vn.baochay.shelter;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Shelter and assembly point data. */
@ConfigMapping(prefix = "baochay.shelter")
public interface ShelterConfig {

    /**
     * GeoJSON shelter files imported (upserted) at every start, in order: file paths, or
     * {@code classpath:} resources. Unset in production, where no list of refuges is official yet;
     * the demo, dev and test profiles load the demo set, which is made up (demo/README.md).
     */
    Optional<List<String>> importOnStart();
}
