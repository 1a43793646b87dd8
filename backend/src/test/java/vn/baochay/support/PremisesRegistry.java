package vn.baochay.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Premises registered for one test, each with its own transmitter account, through the supervisors' API. */
public final class PremisesRegistry {

    private PremisesRegistry() {
    }

    /** An account number no other test uses: 8 hex digits, as DC-09 allows. */
    public static String freshAccount() {
        return "%08X".formatted(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
    }

    /** The body of a registration at {@code point}, with a contact to call and five floors. */
    public static Map<String, Object> body(String account, double[] point) {
        Map<String, Object> body = new HashMap<>();
        body.put("accountId", account);
        body.put("name", "Chợ thử " + account);
        body.put("address", "Số " + (account.hashCode() & 0xff) + " đường Thử nghiệm");
        body.put("location", Map.of("lat", point[0], "lon", point[1]));
        body.put("floors", 5);
        body.put("contacts", List.of(Map.of("name", "Bảo vệ", "phone", "0912345678")));
        return body;
    }

    /** Registers unsupervised premises at {@code point}; {@code hexKey} null for a transmitter that does not encrypt. */
    public static JsonPath register(double[] point, String hexKey) {
        return register(point, hexKey, null);
    }

    public static JsonPath register(double[] point, String hexKey, Integer reportingIntervalSeconds) {
        Map<String, Object> body = body(freshAccount(), point);
        if (hexKey != null) {
            body.put("aesKey", hexKey);
            body.put("aesKeyFormat", "HEX");
        }
        if (reportingIntervalSeconds != null) {
            body.put("reportingIntervalSeconds", reportingIntervalSeconds);
        }
        return Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises")
                .then().statusCode(201).extract().jsonPath();
    }

    /** The open incidents the premises' alarms opened or joined, as a supervisor lists them. */
    public static List<String> openIncidentIds(JsonPath premises) {
        JsonPath page = Dispatchers.as(Dispatchers.SUPERVISOR).queryParam("size", 200)
                .queryParam("province", premises.getString("province"))
                .get("/api/v1/dispatch/incidents").then().statusCode(200).extract().jsonPath();
        return page.getList("items.findAll { it.premises != null && it.premises.id == '"
                + premises.getString("id") + "' }.id");
    }

    /** The premises' line on the Điện Biên dispatcher's device board ({@code query}: "" or "?state=…"). */
    public static JsonPath boardEntry(JsonPath premises, String query) {
        JsonPath board = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/devices" + query)
                .then().statusCode(200).extract().jsonPath();
        String path = "devices.find { it.premisesId == '" + premises.getString("id") + "' }";
        Map<String, Object> entry = board.getMap(path);
        assertThat(entry).as("premises %s on the board%s", premises.getString("accountId"), query).isNotNull();
        return board.setRootPath(path);
    }
}
