package vn.baochay.station;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A station file as read and checked before anything is imported: a GeoJSON FeatureCollection of
 * points with properties {@code id, name, phone, address, province, units[{id, callsign, type}]}.
 * Every problem in the file is collected, so one run tells the operator all of them.
 */
final class StationFile {

    private static final Set<String> UNIT_TYPES = Set.of("ENGINE", "LADDER", "RESCUE", "WATER_TANKER");

    private StationFile() {
    }

    record StationRow(String id, String name, String phone, String address, String province, double lat, double lon,
                      List<UnitRow> units) {
    }

    record UnitRow(String id, String callsign, String type) {
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

}
