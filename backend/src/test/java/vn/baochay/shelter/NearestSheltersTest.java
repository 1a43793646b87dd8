package vn.baochay.shelter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.baochay.support.Contract;

/** Where to go: the nearest shelters and assembly points, for any hazard or for one. */
@QuarkusTest
class NearestSheltersTest {

    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double[] HA_NOI = {21.0285, 105.8542};

    @Inject
    AgroalDataSource database;

    record Known(String id, double lat, double lon, List<String> hazards) {
    }

    private static ValidatableResponse nearest(double lat, double lon, Map<String, ?> more) {
        RequestSpecification request = given().filter(Contract.RESPONSES).queryParam("lat", lat).queryParam("lon", lon);
        for (Map.Entry<String, ?> parameter : more.entrySet()) {
            request.queryParam(parameter.getKey(), parameter.getValue());
        }
        return request.when().get("/api/v1/shelters/nearest").then();
    }

    @Test
    void sheltersComeNearestFirstWithTheirDistance() throws Exception {
        List<Known> all = allShelters();
        Random random = new Random(115);
        for (int trial = 0; trial < 30; trial++) {
            double lat = 8.5 + random.nextDouble() * 14.5;
            double lon = 102.2 + random.nextDouble() * 7.2;
            int limit = 1 + random.nextInt(20);

            JsonPath answer = nearest(lat, lon, Map.of("limit", limit)).statusCode(200).extract().jsonPath();

            assertRanking(answer, all, lat, lon, limit);
        }
    }

    @Test
    void aShelterSaysHowManyItTakesAndAnAssemblyPointDoesNot() {
        JsonPath answer = nearest(HA_NOI[0], HA_NOI[1], Map.of("limit", 20)).statusCode(200).extract().jsonPath();

        Map<String, Object> shelter = answer.getMap("shelters.find { it.kind == 'SHELTER' }");
        Map<String, Object> assembly = answer.getMap("shelters.find { it.kind == 'ASSEMBLY_POINT' }");
        assertThat(shelter).isNotNull();
        assertThat(((Number) shelter.get("capacity")).intValue()).isPositive();
        assertThat(assembly).isNotNull().containsEntry("capacity", null);
        assertThat(answer.getString("shelters[0].province")).isEqualTo("Hà Nội");
        assertThat(answer.getString("shelters[0].name")).endsWith("(demo)");
        assertThat(answer.getList("shelters.demo", Boolean.class)).containsOnly(true);
        assertThat(answer.getList("shelters.hazards", List.class)).allSatisfy(h -> assertThat(h).isNotEmpty());
    }

    @Test
    void fiveUnlessAskedForAnotherNumber() {
        nearest(HA_NOI[0], HA_NOI[1], Map.of()).statusCode(200).body("shelters", hasSize(5));
        nearest(HA_NOI[0], HA_NOI[1], Map.of("limit", 1)).statusCode(200).body("shelters", hasSize(1));
        nearest(HA_NOI[0], HA_NOI[1], Map.of("limit", 20)).statusCode(200).body("shelters", hasSize(20));
    }

    @Test
    void aHazardListsOnlyRefugesFromIt() throws Exception {
        List<Known> flood = allShelters().stream().filter(s -> s.hazards().contains("FLOOD")).toList();
        List<Known> fire = allShelters().stream().filter(s -> s.hazards().contains("FIRE")).toList();
        assertThat(flood).isNotEmpty();

        JsonPath floodAnswer = nearest(HA_NOI[0], HA_NOI[1], Map.of("hazard", "FLOOD", "limit", 10))
                .statusCode(200).extract().jsonPath();
        JsonPath fireAnswer = nearest(HA_NOI[0], HA_NOI[1], Map.of("hazard", "FIRE", "limit", 10))
                .statusCode(200).extract().jsonPath();

        assertThat(floodAnswer.getList("shelters.hazards", List.class)).allSatisfy(h -> assertThat(h).contains("FLOOD"));
        assertRanking(floodAnswer, flood, HA_NOI[0], HA_NOI[1], 10);
        assertRanking(fireAnswer, fire, HA_NOI[0], HA_NOI[1], 10);
        // In Hà Nội the nearest place to flee a flood is not the nearest to gather at after a fire.
        assertThat(floodAnswer.getString("shelters[0].id")).isNotEqualTo(fireAnswer.getString("shelters[0].id"));
    }

    @ParameterizedTest(name = "lat={0} lon={1} limit={2} hazard={3}")
    @CsvSource(nullValues = "null", value = {
        "91, 105.8, 5, null, invalid-location, lat",
        "north, 105.8, 5, null, invalid-location, lat",
        "null, 105.8, 5, null, invalid-location, lat",
        "21.0, 181, 5, null, invalid-location, lon",
        "21.0, 105.8, 0, null, invalid-request, limit",
        "21.0, 105.8, 21, null, invalid-request, limit",
        "21.0, 105.8, 5, VOLCANO, invalid-request, hazard"})
    void badQueryIsAProblemNamingTheParameter(String lat, String lon, String limit, String hazard, String type,
                                              String field) {
        RequestSpecification request = given().filter(Contract.RESPONSES).queryParam("limit", limit);
        if (lat != null) {
            request.queryParam("lat", lat);
        }
        if (lon != null) {
            request.queryParam("lon", lon);
        }
        if (hazard != null) {
            request.queryParam("hazard", hazard);
        }
        request.when().get("/api/v1/shelters/nearest")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/" + type))
                .body("errors[0].field", equalTo(field));
    }

    /** The answer is the brute-force ranking of {@code candidates}, allowing ties, with its distances. */
    private static void assertRanking(JsonPath answer, List<Known> candidates, double lat, double lon, int limit) {
        List<Known> expected = candidates.stream()
                .sorted(Comparator.comparingDouble(s -> haversine(lat, lon, s.lat(), s.lon())))
                .limit(limit).toList();
        List<String> ids = answer.getList("shelters.id", String.class);
        List<Float> distances = answer.getList("shelters.distanceM", Float.class);
        assertThat(ids).hasSize(expected.size());
        assertThat(distances).isSorted();
        for (int i = 0; i < expected.size(); i++) {
            double want = haversine(lat, lon, expected.get(i).lat(), expected.get(i).lon());
            String id = ids.get(i);
            Known got = candidates.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
            // The same place, or one at the same distance to within a metre (a tie).
            assertThat(haversine(lat, lon, got.lat(), got.lon())).as("rank %d at %f,%f", i, lat, lon)
                    .isCloseTo(want, Offset.offset(1.0));
            assertThat(distances.get(i).doubleValue()).isCloseTo(want, Offset.offset(want * 0.001 + 1));
        }
    }

    private List<Known> allShelters() throws Exception {
        List<Known> all = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT id, ST_Y(location::geometry), ST_X(location::geometry), hazards FROM shelters")) {
            while (rs.next()) {
                String[] hazards = (String[]) rs.getArray(4).getArray();
                all.add(new Known(rs.getString(1), rs.getDouble(2), rs.getDouble(3), Arrays.asList(hazards)));
            }
        }
        assertThat(all).as("the demo shelters are loaded").hasSizeGreaterThanOrEqualTo(81);
        return all;
    }

    static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
    }
}
