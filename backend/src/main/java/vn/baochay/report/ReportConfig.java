package vn.baochay.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Report intake. */
@ConfigMapping(prefix = "baochay.report")
public interface ReportConfig {

    /** How many nearest stations the acceptance lists. */
    @WithDefault("3")
    @Min(1)
    @Max(20)
    int nearestStations();
}
