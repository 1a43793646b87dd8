package vn.baochay.station;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class StationImporterTest {

    @Inject
    StationImporter importer;

    /** Mid-ocean, far from every real station, so the imported ones are the nearest. */
    private static final double LAT = 12.5;
    private static final double LON = 114.5;

    @Test
    void importedStationsAreFoundAtTheirPositionAndReimportUpdatesInPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stations.geojson");
        Files.writeString(file, collection(
                station("test-island-a", "Trạm thử A", LAT, LON, "[{\"id\":\"test-island-a-e1\",\"callsign\":\"TA-01\",\"type\":\"ENGINE\"}]"),
                station("test-island-b", "Trạm thử B", LAT + 0.1, LON, "[]")));

        assertThat(importer.importFrom(file.toString())).isEqualTo(new StationImporter.ImportResult(2, 1));

        given().queryParam("lat", LAT).queryParam("lon", LON).queryParam("limit", 2)
                .when().get("/api/v1/stations/nearest")
                .then().statusCode(200)
                .body("stations.id", equalTo(java.util.List.of("test-island-a", "test-island-b")))
                .body("stations[0].name", equalTo("Trạm thử A"))
                .body("stations[0].distanceM", equalTo(0))
                .body("stations[0].location.lat", equalTo((float) LAT))
                .body("stations[0].location.lon", equalTo((float) LON))
                .body("stations[0].province", equalTo("Khánh Hòa"))
                .body("stations[0].units", hasSize(1))
                .body("stations[0].units[0].callsign", equalTo("TA-01"))
                // 0.1° of latitude on the mean sphere is 11,119.5 m.
                .body("stations[1].distanceM", org.hamcrest.Matchers.oneOf(11_119, 11_120));

        Files.writeString(file, collection(
                station("test-island-a", "Trạm thử A (đổi tên)", LAT, LON,
                        "[{\"id\":\"test-island-a-e1\",\"callsign\":\"TA-09\",\"type\":\"LADDER\"}]")));
        importer.importFrom(file.toString());

        given().queryParam("lat", LAT).queryParam("lon", LON).queryParam("limit", 2)
                .when().get("/api/v1/stations/nearest")
                .then().statusCode(200)
                .body("stations.id", equalTo(java.util.List.of("test-island-a", "test-island-b")))
                .body("stations[0].name", equalTo("Trạm thử A (đổi tên)"))
                .body("stations[0].units", hasSize(1))
                .body("stations[0].units[0].type", equalTo("LADDER"));
    }

    @Test
    void fileWithABadFeatureImportsNothingAndSaysWhatIsWrong() {
        String file = collection(
                station("test-reef-ok", "Trạm tốt", 11.0, 115.0, "[]"),
                station("test-reef-bad", "", 95.0, 115.0, "[{\"id\":\"x\",\"callsign\":\"X\",\"type\":\"BOAT\"}]"));

        assertThatThrownBy(() -> importer.importStations("bad.geojson",
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidStationFile.class)
                .hasMessageContaining("feature 1 (test-reef-bad)")
                .hasMessageContaining("out of range")
                .hasMessageContaining("name is required")
                .hasMessageContaining("type must be one of");

        given().queryParam("lat", 11.0).queryParam("lon", 115.0).queryParam("limit", 1)
                .when().get("/api/v1/stations/nearest")
                .then().statusCode(200)
                .body("stations[0].id", org.hamcrest.Matchers.not(equalTo("test-reef-ok")));
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String station(String id, String name, double lat, double lon, String units) {
        return """
                {"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},
                 "properties":{"id":"%s","name":"%s","phone":"114","address":"Đảo thử","province":"Khánh Hòa",
                 "units":%s}}
                """.formatted(lon, lat, id, name, units);
    }
}
