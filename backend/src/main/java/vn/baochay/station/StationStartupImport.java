package vn.baochay.station;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;

/** Loads the configured station files at start-up (the demo and test profiles load the demo set). */
class StationStartupImport {

    void onStart(@Observes StartupEvent event, StationConfig config, StationImporter importer)
            throws IOException, SQLException {
        for (String location : config.importOnStart().orElse(java.util.List.of())) {
            importer.importFrom(location);
        }
    }
}
