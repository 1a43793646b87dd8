package vn.baochay.station;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/** Loads the configured station files at start-up (the demo, dev and test profiles load the demo set). */
class StationStartupImport {

    void onStart(@Observes StartupEvent event, StationConfig config, StationImporter importer)
            throws Exception {
        for (String location : config.importOnStart().orElse(java.util.List.of())) {
            importer.importFrom(location);
        }
    }
}
