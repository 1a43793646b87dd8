package vn.baochay.shelter;

import com.fasterxml.jackson.databind.JsonNode;
import vn.baochay.common.PointFeatures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A shelter file as read and checked before anything is imported: a GeoJSON FeatureCollection of
 * points with properties {@code id, name, kind, address, province, capacity, hazards, demo} (the
 * format is in demo/README.md). Every problem in the file is collected, so one run tells the
 * operator all of them.
 */
final class ShelterFile {

    private ShelterFile() {
    }

    record ShelterRow(String id, String name, ShelterKind kind, String address, String province, Integer capacity,
                      List<Hazard> hazards, double lat, double lon, boolean demo) {
    }

    static List<ShelterRow> parse(String source, JsonNode root) {
        if (!PointFeatures.isFeatureCollection(root)) {
            throw new InvalidShelterFile(source, List.of("the top level must be a GeoJSON FeatureCollection"));
        }
        List<String> problems = new ArrayList<>();
        List<ShelterRow> rows = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        PointFeatures.each(root, problems, f -> {
            JsonNode p = f.properties();
            String where = f.where();
            String id = text(p, "id", where, problems);
            if (id != null && !ids.add(id)) {
                problems.add(where + ": duplicate id");
            }
            String name = text(p, "name", where, problems);
            String province = text(p, "province", where, problems);
            ShelterKind kind = kind(p, where, problems);
            Integer capacity = capacity(p, kind, where, problems);
            List<Hazard> hazards = hazards(p, where, problems);
            rows.add(new ShelterRow(id, name, kind, p.path("address").asText("").strip(), province, capacity, hazards,
                    f.lat(), f.lon(), p.path("demo").asBoolean(false)));
        });
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("it has no features");
        }
        if (!problems.isEmpty()) {
            throw new InvalidShelterFile(source, problems);
        }
        return rows;
    }

    private static ShelterKind kind(JsonNode p, String where, List<String> problems) {
        try {
            return ShelterKind.valueOf(p.path("kind").asText(""));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": kind must be one of " + List.of(ShelterKind.values()));
            return null;
        }
    }

    /** Known head count of a shelter; open ground has none, and an assembly point that claims one is an error. */
    private static Integer capacity(JsonNode p, ShelterKind kind, String where, List<String> problems) {
        JsonNode capacity = p.path("capacity");
        if (capacity.isMissingNode() || capacity.isNull()) {
            return null;
        }
        if (kind == ShelterKind.ASSEMBLY_POINT) {
            problems.add(where + ": an assembly point has no capacity");
            return null;
        }
        if (!capacity.isIntegralNumber() || !capacity.canConvertToInt() || capacity.asInt() < 1) {
            problems.add(where + ": capacity must be a whole number of people, at least 1");
            return null;
        }
        return capacity.asInt();
    }

    private static List<Hazard> hazards(JsonNode p, String where, List<String> problems) {
        JsonNode list = p.path("hazards");
        if (!list.isArray() || list.isEmpty()) {
            problems.add(where + ": hazards must be a non-empty list of " + List.of(Hazard.values()));
            return List.of();
        }
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        for (JsonNode h : list) {
            try {
                hazards.add(Hazard.valueOf(h.asText("")));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": hazard " + h + " is not one of " + List.of(Hazard.values()));
            }
        }
        return List.copyOf(hazards);
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        return PointFeatures.text(node, field, where, problems);
    }
}
