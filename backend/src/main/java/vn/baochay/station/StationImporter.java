package vn.baochay.station;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import net.postgis.jdbc.PGgeometry;
import net.postgis.jdbc.geometry.Point;
import org.jboss.logging.Logger;
import vn.baochay.common.PointFeatures;

/**
 * Imports fire stations and their units from a GeoJSON FeatureCollection of points with properties
 * {@code id, name, phone, address, province, units[{id, callsign, type}]}.
 *
 * <p>The whole file is checked first ({@link StationFile}) and imported in one JDBC transaction: a file with one bad
 * feature changes nothing. Stations and units are upserted by id, so importing again updates in
 * place; units missing from a later file are left as they are (they may be out on a call).
 * Unit statuses are never overwritten by an import.
 */
@ApplicationScoped
public class StationImporter {

    private static final Logger LOG = Logger.getLogger(StationImporter.class);

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    StationImporter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public record ImportResult(int stations, int units) {
    }

    /** Imports a file path, or a classpath resource written {@code classpath:demo/stations-demo.geojson}. */
    public ImportResult importFrom(String location) throws IOException, SQLException {
        try (InputStream in = PointFeatures.open(location)) {
            return importStations(location, in);
        }
    }

    public ImportResult importStations(String source, InputStream geojson) throws IOException, SQLException {
        List<StationFile.StationRow> rows = StationFile.parse(source, json.readTree(geojson));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int units = write(connection, rows);
                connection.commit();
                LOG.infof("Imported %d stations and %d units from %s", rows.size(), units, source);
                return new ImportResult(rows.size(), units);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int write(Connection connection, List<StationFile.StationRow> rows) throws SQLException {
        int units = 0;
        try (PreparedStatement station = connection.prepareStatement("""
                INSERT INTO stations (id, name, phone, address, province, location, imported_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS geometry)::geography, now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, phone = excluded.phone,
                    address = excluded.address, province = excluded.province, location = excluded.location,
                    imported_at = excluded.imported_at
                """);
             PreparedStatement unit = connection.prepareStatement("""
                     INSERT INTO units (id, station_id, callsign, type) VALUES (?, ?, ?, ?)
                     ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id,
                         callsign = excluded.callsign, type = excluded.type
                     """)) {
            for (StationFile.StationRow row : rows) {
                Point point = new Point(row.lon(), row.lat());
                point.setSrid(4326);
                station.setString(1, row.id());
                station.setString(2, row.name());
                station.setString(3, row.phone());
                station.setString(4, row.address());
                station.setString(5, row.province());
                station.setObject(6, new PGgeometry(point));
                station.addBatch();
                for (StationFile.UnitRow u : row.units()) {
                    unit.setString(1, u.id());
                    unit.setString(2, row.id());
                    unit.setString(3, u.callsign());
                    unit.setString(4, u.type());
                    unit.addBatch();
                    units++;
                }
            }
            station.executeBatch();
            unit.executeBatch();
        }
        return units;
    }
}
