package vn.baochay.station;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class NearestStationsTest {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    @Inject
    AgroalDataSource database;

    record Known(String id, double lat, double lon) {
    }

    @Test
    void nearestStationsEqualABruteForceHaversineRanking() throws Exception {
        List<Known> all = allStations();
        Random random = new Random(114);
        for (int trial = 0; trial < 60; trial++) {
            double lat = 8.5 + random.nextDouble() * 14.5;
            double lon = 102.2 + random.nextDouble() * 7.2;
            int limit = 1 + random.nextInt(20);

            JsonPath answer = given().queryParam("lat", lat).queryParam("lon", lon).queryParam("limit", limit)
                    .when().get("/api/v1/stations/nearest")
                    .then().statusCode(200).extract().jsonPath();

            List<Known> expected = all.stream()
                    .sorted(Comparator.comparingDouble(s -> haversine(lat, lon, s.lat(), s.lon())))
                    .limit(limit).toList();
            List<String> ids = answer.getList("stations.id");
            List<Float> distances = answer.getList("stations.distanceM", Float.class);
            assertThat(ids).hasSize(limit);
            assertThat(distances).isSorted();
            for (int i = 0; i < limit; i++) {
                double want = haversine(lat, lon, expected.get(i).lat(), expected.get(i).lon());
                String id = ids.get(i);
                Known got = all.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
                double gotDistance = haversine(lat, lon, got.lat(), got.lon());
                // Same station, or one at the same distance to within a metre (a tie).
                assertThat(gotDistance).as("rank %d at %f,%f", i, lat, lon).isCloseTo(want,
                        org.assertj.core.data.Offset.offset(1.0));
                assertThat(distances.get(i).doubleValue()).isCloseTo(want, org.assertj.core.data.Offset.offset(want * 0.001 + 1));
            }
        }
    }

    @Test
    void stationsComeWithTheirUnitsAndDetails() {
        given().queryParam("lat", 22.3364).queryParam("lon", 103.8438).queryParam("limit", 1)
                .when().get("/api/v1/stations/nearest")
                .then().statusCode(200)
                .body("stations", hasSize(1))
                .body("stations[0].province", equalTo("Lào Cai"))
                .body("stations[0].units.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("stations[0].units[0].callsign", org.hamcrest.Matchers.notNullValue())
                // which stations are empty is for dispatchers only
                .body("stations.units.flatten().status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void limitDefaultsToFive() {
        given().queryParam("lat", 21.0285).queryParam("lon", 105.8542)
                .when().get("/api/v1/stations/nearest")
                .then().statusCode(200).body("stations", hasSize(5));
    }

    @ParameterizedTest(name = "lat={0} lon={1} limit={2}")
    @CsvSource(nullValues = "null", value = {
        "null, 105.8, 5, invalid-location, lat",
        "21.0, null, 5, invalid-location, lon",
        "91, 105.8, 5, invalid-location, lat",
        "21.0, 181, 5, invalid-location, lon",
        "north, 105.8, 5, invalid-location, lat",
        "NaN, 105.8, 5, invalid-location, lat",
        "Infinity, 105.8, 5, invalid-location, lat",
        "21.0, 105.8, 0, invalid-request, limit",
        "21.0, 105.8, 21, invalid-request, limit",
        "21.0, 105.8, five, invalid-request, limit"})
    void badQueryIsAProblemNamingTheParameter(String lat, String lon, String limit, String type, String field) {
        var request = given();
        if (lat != null) {
            request.queryParam("lat", lat);
        }
        if (lon != null) {
            request.queryParam("lon", lon);
        }
        request.queryParam("limit", limit)
                .when().get("/api/v1/stations/nearest")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/" + type))
                .body("errors[0].field", equalTo(field));
    }

    private List<Known> allStations() throws Exception {
        List<Known> all = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, ST_Y(location::geometry), ST_X(location::geometry) FROM stations")) {
            while (rs.next()) {
                all.add(new Known(rs.getString(1), rs.getDouble(2), rs.getDouble(3)));
            }
        }
        assertThat(all).as("the demo stations are loaded").hasSizeGreaterThan(34);
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
