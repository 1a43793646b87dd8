package vn.baochay.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/** How crowd reports are merged into incidents. */
@ConfigMapping(prefix = "baochay.incident")
public interface IncidentConfig {

    /** A report joins an open incident of the same kind whose position is within this many metres. */
    @WithDefault("300")
    @Positive
    double mergeRadiusM();

    /**
     * The radius is widened by the report's own accuracy (a phone that says "±200 m" may be 200 m
     * off), but never beyond this many metres, so one vague report cannot swallow a district.
     */
    @WithDefault("1000")
    @Positive
    double mergeRadiusMaxM();

    /** ...and whose last report arrived at most this long ago; later reports open a new incident. */
    @WithDefault("PT30M")
    Duration mergeWindow();
}
