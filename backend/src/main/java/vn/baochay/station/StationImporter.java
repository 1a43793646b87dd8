package vn.baochay.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.postgis.jdbc.PGgeometry;
import net.postgis.jdbc.geometry.Point;
import org.jboss.logging.Logger;

/**
 * Imports fire stations and their units from a GeoJSON FeatureCollection of points with properties
 * {@code id, name, phone, address, province, units[{id, callsign, type}]}.
 *
 * <p>The whole file is checked first and imported in one JDBC transaction: a file with one bad
 * feature changes nothing. Stations and units are upserted by id, so importing again updates in
 * place; units missing from a later file are left as they are (they may be out on a call).
 * Unit statuses are never overwritten by an import.
 */
@ApplicationScoped
public class StationImporter {

    private static final Logger LOG = Logger.getLogger(StationImporter.class);
    private static final Set<String> UNIT_TYPES = Set.of("ENGINE", "LADDER", "RESCUE", "WATER_TANKER");

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    StationImporter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public record ImportResult(int stations, int units) {
    }

    /** A file that cannot be imported, with every problem found in it. */
    public static class InvalidStationFile extends RuntimeException {
        public InvalidStationFile(String source, List<String> problems) {
            super(source + " is not a valid station file:\n  " + String.join("\n  ", problems));
        }
    }

    record StationRow(String id, String name, String phone, String address, String province, double lat, double lon,
                      List<UnitRow> units) {
    }

    record UnitRow(String id, String callsign, String type) {
    }

    /** Imports a file path, or a classpath resource written {@code classpath:demo/stations-demo.geojson}. */
    public ImportResult importFrom(String location) throws IOException, SQLException {
        try (InputStream in = open(location)) {
            return importStations(location, in);
        }
    }

    public ImportResult importStations(String source, InputStream geojson) throws IOException, SQLException {
        List<StationRow> rows = parse(source, json.readTree(geojson));
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

    private int write(Connection connection, List<StationRow> rows) throws SQLException {
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
            for (StationRow row : rows) {
                Point point = new Point(row.lon(), row.lat());
                point.setSrid(4326);
                station.setString(1, row.id());
                station.setString(2, row.name());
                station.setString(3, row.phone());
                station.setString(4, row.address());
                station.setString(5, row.province());
                station.setObject(6, new PGgeometry(point));
                station.addBatch();
                for (UnitRow u : row.units()) {
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

    static List<StationRow> parse(String source, JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new InvalidStationFile(source, List.of("the top level must be a GeoJSON FeatureCollection"));
        }
        List<StationRow> rows = new ArrayList<>();
        Set<String> stationIds = new HashSet<>();
        Set<String> unitIds = new HashSet<>();
        JsonNode features = root.path("features");
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            JsonNode p = feature.path("properties");
            String where = "feature " + i + (p.hasNonNull("id") ? " (" + p.get("id").asText() + ")" : "");
            JsonNode geometry = feature.path("geometry");
            JsonNode coordinates = geometry.path("coordinates");
            if (!"Point".equals(geometry.path("type").asText()) || coordinates.size() < 2
                    || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                problems.add(where + ": geometry must be a Point with [lon, lat]");
                continue;
            }
            double lon = coordinates.get(0).asDouble();
            double lat = coordinates.get(1).asDouble();
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                problems.add(where + ": coordinates [" + lon + ", " + lat + "] are out of range");
            }
            String id = text(p, "id", where, problems);
            String name = text(p, "name", where, problems);
            String phone = text(p, "phone", where, problems);
            String province = text(p, "province", where, problems);
            String address = p.path("address").asText("");
            if (id != null && !stationIds.add(id)) {
                problems.add(where + ": duplicate station id");
            }
            List<UnitRow> units = new ArrayList<>();
            for (JsonNode u : p.path("units")) {
                String unitId = text(u, "id", where + " unit", problems);
                String callsign = text(u, "callsign", where + " unit", problems);
                String type = u.path("type").asText("");
                if (!UNIT_TYPES.contains(type)) {
                    problems.add(where + " unit " + unitId + ": type must be one of " + UNIT_TYPES);
                }
                if (unitId != null && !unitIds.add(unitId)) {
                    problems.add(where + ": duplicate unit id " + unitId);
                }
                units.add(new UnitRow(unitId, callsign, type));
            }
            rows.add(new StationRow(id, name, phone, address, province, lat, lon, units));
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("it has no features");
        }
        if (!problems.isEmpty()) {
            throw new InvalidStationFile(source, problems);
        }
        return rows;
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        String value = node.path(field).asText("").strip();
        if (value.isEmpty()) {
            problems.add(where + ": " + field + " is required");
            return null;
        }
        return value;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("No classpath resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
