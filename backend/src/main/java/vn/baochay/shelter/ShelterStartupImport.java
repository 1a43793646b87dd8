package vn.baochay.shelter;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Loads the configured shelter files at start-up (the demo, dev and test profiles load the demo set),
 * waiting for each: an application that starts must answer the nearest refuges from its first request.
 */
class ShelterStartupImport {

    /** Far more than 81 rows take; a database that does not answer in this time fails the start. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    void onStart(@Observes StartupEvent event, ShelterConfig config, ShelterImporter importer) throws Exception {
        for (String location : config.importOnStart().orElse(List.of())) {
            importer.importFrom(location).await().atMost(TIMEOUT);
        }
    }
}
