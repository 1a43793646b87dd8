package vn.baochay.premises;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/** Loads the configured premises files at start-up (the demo, dev and test profiles load the demo set). */
class PremisesStartupImport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    void onStart(@Observes StartupEvent event, PremisesConfig config, PremisesImporter importer) throws Exception {
        for (String location : config.importOnStart().orElse(List.of())) {
            importer.importFrom(location).await().atMost(TIMEOUT);
        }
    }
}
