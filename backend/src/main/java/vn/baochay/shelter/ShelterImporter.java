package vn.baochay.shelter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jboss.logging.Logger;
import vn.baochay.common.PointFeatures;

/**
 * Imports shelters and assembly points from a GeoJSON FeatureCollection (format in demo/README.md).
 * The whole file is checked first ({@link ShelterFile}) and written in one transaction: a file with
 * one bad feature changes nothing. Places are upserted by id, so importing the same file again
 * changes nothing and a corrected file updates in place.
 */
@ApplicationScoped
public class ShelterImporter {

    private static final Logger LOG = Logger.getLogger(ShelterImporter.class);

    private final ShelterRepository shelters;
    private final ObjectMapper json;

    ShelterImporter(ShelterRepository shelters, ObjectMapper json) {
        this.shelters = shelters;
        this.json = json;
    }

    /** Reads a file path, or a classpath resource written {@code classpath:demo/shelters-demo.geojson}; how many places it had. */
    public Uni<Integer> importFrom(String location) throws IOException {
        List<ShelterFile.ShelterRow> rows;
        try (InputStream in = PointFeatures.open(location)) {
            rows = ShelterFile.parse(location, json.readTree(in));
        }
        return shelters.upsert(rows)
                .invoke(() -> LOG.infof("Imported %d shelters and assembly points from %s", rows.size(), location))
                .replaceWith(rows.size());
    }
}
