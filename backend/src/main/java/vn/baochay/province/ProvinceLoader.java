package vn.baochay.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Loads the 34 province polygons shipped with the application (geo/provinces-vn.geojson, see its
 * README) into {@code provinces} at start-up, replacing what was there in one transaction, so the
 * database always holds exactly the shipped boundaries. Incidents take their province from these.
 */
class ProvinceLoader {

    private static final Logger LOG = Logger.getLogger(ProvinceLoader.class);
    static final String RESOURCE = "geo/provinces-vn.geojson";

    void load(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) StartupEvent event,
              AgroalDataSource dataSource, ObjectMapper json) throws IOException, SQLException {
        JsonNode features;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            features = json.readTree(in).path("features");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement clear = connection.createStatement();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO provinces (name, geom) VALUES (?, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))")) {
                // Instances starting together take turns, so each replaces the table whole.
                clear.execute("SELECT pg_advisory_xact_lock(114114002)");
                clear.execute("DELETE FROM provinces");
                for (JsonNode feature : features) {
                    insert.setString(1, feature.path("properties").path("name").asText());
                    insert.setString(2, json.writeValueAsString(feature.path("geometry")));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        LOG.infof("Loaded %d province boundaries", features.size());
    }
}
