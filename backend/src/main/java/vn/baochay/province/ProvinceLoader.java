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
 *
 * <p>From the same polygons it derives the service area, where reports are taken: every province
 * widened by {@link #MARGIN_DEGREES} (about 27 km; Vietnam's territorial sea is 12 nautical miles,
 * 22 km, and the Đà Nẵng and Khánh Hòa polygons hold Hoàng Sa and Trường Sa). The margin also takes
 * in a strip of the neighbouring countries along the land border: a report from there reaches the
 * Vietnamese province next to it, which is better than refusing a fire. Computing the area takes
 * seconds, so it is done only when the boundaries or the margin change.
 */
class ProvinceLoader {

    private static final Logger LOG = Logger.getLogger(ProvinceLoader.class);
    static final String RESOURCE = "geo/provinces-vn.geojson";
    static final double MARGIN_DEGREES = 0.25;

    void load(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) StartupEvent event,
              AgroalDataSource dataSource, ObjectMapper json) throws IOException, SQLException {
        JsonNode features;
        byte[] bytes;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            bytes = in.readAllBytes();
            features = json.readTree(bytes).path("features");
        }
        String source = java.util.HexFormat.of().formatHex(vn.baochay.common.Secrets.sha256(
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8))) + "+" + MARGIN_DEGREES;
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
                serviceArea(connection, source);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        LOG.infof("Loaded %d province boundaries", features.size());
    }

    /** Recomputes the service area from the provinces just loaded, unless it was made from the same ones. */
    private static void serviceArea(Connection connection, String source) throws SQLException {
        try (PreparedStatement current = connection.prepareStatement(
                "SELECT 1 FROM service_area_source WHERE source = ?")) {
            current.setString(1, source);
            if (current.executeQuery().next()) {
                return;
            }
        }
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM service_area");
            statement.execute("DELETE FROM service_area_source");
            // Simplified to ~1 km before widening by ~27 km: the detail is lost inside the margin.
            statement.execute("""
                    INSERT INTO service_area (geom)
                    SELECT (ST_Dump(piece)).geom FROM (
                        SELECT ST_Subdivide(ST_Union(ST_Buffer(ST_SimplifyPreserveTopology(geom, 0.01), %s,
                                                               'quad_segs=4')), 256) AS piece
                        FROM provinces) pieces
                    """.formatted(MARGIN_DEGREES));
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO service_area_source VALUES (?)")) {
            insert.setString(1, source);
            insert.executeUpdate();
        }
        LOG.infof("Computed the service area from the province boundaries in %d ms",
                (System.nanoTime() - started) / 1_000_000);
    }
}
