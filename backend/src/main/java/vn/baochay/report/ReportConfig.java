package vn.baochay.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Report intake. */
@ConfigMapping(prefix = "baochay.report")
public interface ReportConfig {

    /** Largest accepted report body in bytes; a report is about 300 bytes, photos go elsewhere. */
    @WithDefault("16384")
    @Min(1024)
    int maxBodyBytes();

    /** How many nearest stations the acceptance lists. */
    @WithDefault("3")
    @Min(1)
    @Max(20)
    int nearestStations();
}
