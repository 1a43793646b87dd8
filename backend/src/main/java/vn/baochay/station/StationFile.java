package vn.baochay.station;

import com.fasterxml.jackson.databind.JsonNode;
import vn.baochay.common.PointFeatures;
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
        if (!PointFeatures.isFeatureCollection(root)) {
            throw new InvalidStationFile(source, List.of("the top level must be a GeoJSON FeatureCollection"));
        }
        List<StationRow> rows = new ArrayList<>();
        Set<String> stationIds = new HashSet<>();
        Set<String> unitIds = new HashSet<>();
        PointFeatures.each(root, problems, f -> {
            JsonNode p = f.properties();
            String where = f.where();
            double lat = f.lat();
            double lon = f.lon();
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
        });
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("it has no features");
        }
        if (!problems.isEmpty()) {
            throw new InvalidStationFile(source, problems);
        }
        return rows;
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        return PointFeatures.text(node, field, where, problems);
    }

}
