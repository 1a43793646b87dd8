package vn.baochay.premises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Accounts;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.PremisesRegistry;

/**
 * The premises registry as supervisors use it: who may write it, what it refuses, what a dispatcher reads, and
 * whose phones it names as owners (told when the alarm goes off: alarm.AlarmReceiverTest).
 */
@QuarkusTest
class PremisesRegistryTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    @Test
    void registeringReadingEditingAndDeletingPremises() {
        Map<String, Object> body = PremisesRegistry.body(PremisesRegistry.freshAccount().toLowerCase(Locale.ROOT),
                Places.inLaoCai());
        body.put("aesKey", "000102030405060708090a0b0c0d0e0f");
        body.put("aesKeyFormat", "HEX");
        body.put("reportingIntervalSeconds", 3600);

        var response = Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises")
                .then().statusCode(201).extract();
        JsonPath created = response.jsonPath();
        String id = created.getString("id");
        assertThat(response.header("Location")).endsWith("/api/v1/dispatch/premises/" + id);
        assertThat(created.getString("accountId")).isEqualTo(((String) body.get("accountId")).toUpperCase(Locale.ROOT));
        assertThat(created.getString("province")).isEqualTo("Lào Cai");
        assertThat(created.getBoolean("encrypted")).isTrue();
        assertThat(response.asString()).doesNotContain("aesKey").doesNotContain("000102030405");
        assertThat(created.getString("device.state")).isEqualTo("UNKNOWN");
        assertThat(created.getInt("reportingIntervalSeconds")).isEqualTo(3600);
        assertThat(created.getBoolean("demo")).isFalse();

        // A dispatcher of the province reads it; one of another province does not.
        Dispatchers.as(Dispatchers.LAO_CAI).get("/api/v1/dispatch/premises/" + id).then().statusCode(200)
                .body("name", equalTo(body.get("name")));
        Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/premises/" + id).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "out-of-jurisdiction"));
        assertThat(Dispatchers.as(Dispatchers.LAO_CAI).get("/api/v1/dispatch/premises").then().statusCode(200)
                .extract().jsonPath().getList("premises.id")).contains(id);
        assertThat(Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/premises").then().statusCode(200)
                .extract().jsonPath().getList("premises.id")).doesNotContain(id);

        // An edit without the key keeps it; a stale version is refused.
        body.put("name", "Chợ Cốc Lếu (khu B)");
        body.remove("aesKey");
        body.remove("aesKeyFormat");
        body.put("version", created.getLong("version"));
        JsonPath edited = Dispatchers.as(Dispatchers.SUPERVISOR).body(body).put("/api/v1/dispatch/premises/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(edited.getString("name")).isEqualTo("Chợ Cốc Lếu (khu B)");
        assertThat(edited.getBoolean("encrypted")).isTrue();
        assertThat(edited.getLong("version")).isGreaterThan(created.getLong("version"));
        Dispatchers.as(Dispatchers.SUPERVISOR).body(body).put("/api/v1/dispatch/premises/" + id)
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "stale-version"));

        // Deleted: gone from reads, and its account is free again.
        Dispatchers.as(Dispatchers.SUPERVISOR).delete("/api/v1/dispatch/premises/" + id).then().statusCode(204);
        Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/premises/" + id).then().statusCode(404);
        Dispatchers.as(Dispatchers.SUPERVISOR).delete("/api/v1/dispatch/premises/" + id).then().statusCode(404);
        body.remove("version");
        Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises").then().statusCode(201);
    }

    @Test
    void anAccountAlreadyRegisteredIsRefusedWithTheProblemItIs() {
        JsonPath first = PremisesRegistry.register(Places.inDienBien(), null);
        Map<String, Object> again = PremisesRegistry.body(first.getString("accountId").toLowerCase(Locale.ROOT),
                Places.inDienBien());

        Dispatchers.as(Dispatchers.SUPERVISOR).body(again).post("/api/v1/dispatch/premises")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "transmitter-account-taken"));
    }

    @Test
    void onlySupervisorsAndAdminsWriteTheRegistry() {
        Map<String, Object> body = PremisesRegistry.body(PremisesRegistry.freshAccount(), Places.inDienBien());
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(body).post("/api/v1/dispatch/premises")
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"));
        Accounts.admin().body(body).post("/api/v1/dispatch/premises").then().statusCode(201);
        io.restassured.RestAssured.given().contentType("application/json").body(body)
                .post("/api/v1/dispatch/premises").then().statusCode(401);
    }

    @Test
    void badRegistrationsAreRefusedFieldByFieldAndStoreNothing() {
        double[] here = Places.inDienBien();
        List<Map.Entry<String, Object>> bad = List.of(
                Map.entry("accountId", "12"),
                Map.entry("accountId", "ZZZZ"),
                Map.entry("aesKey", "00112233"),
                Map.entry("reportingIntervalSeconds", 10),
                Map.entry("floors", -1),
                Map.entry("ownerDeviceIds", List.of("not-a-device")),
                Map.entry("ownerDeviceIds", List.of("6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f")),
                Map.entry("location", Map.of("lat", 48.8566, "lon", 2.3522)));
        for (Map.Entry<String, Object> field : bad) {
            String account = PremisesRegistry.freshAccount();
            Map<String, Object> body = PremisesRegistry.body(account, here);
            body.put(field.getKey(), field.getValue());
            if ("aesKey".equals(field.getKey())) {
                body.put("aesKeyFormat", "HEX");
            }
            var answer = Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises")
                    .then().extract();
            assertThat(answer.statusCode()).as("%s = %s", field.getKey(), field.getValue()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("type")).startsWith(PROBLEMS);
            assertThat(Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/premises").then().statusCode(200)
                    .extract().jsonPath().getList("premises.accountId")).doesNotContain(account);
        }
    }

    @Test
    void theDemoPremisesAreImportedAndMarkedDemo() {
        List<Map<String, Object>> all = Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/premises")
                .then().statusCode(200).extract().jsonPath().getList("premises.findAll { it.demo == true }");
        assertThat(all).extracting(p -> p.get("accountId")).contains("D0001", "D0002", "D0003", "D0004", "D0005");
        assertThat(all).extracting(p -> p.get("province")).contains("Hà Nội", "Điện Biên", "Lào Cai");
    }

    @Test
    void anOwnersPhoneThatRegistersAgainStaysAnOwner() {
        Phone owner = Phone.registered("vi");
        Map<String, Object> body = PremisesRegistry.body(PremisesRegistry.freshAccount(), Places.inDienBien());
        body.put("ownerDeviceIds", List.of(owner.deviceId()));
        String id = Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises")
                .then().statusCode(201).extract().path("id");

        // The app lost its secret and registers the same FCM token again: a new registration replaces the old.
        String again = io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("fcmToken", owner.fcmToken(), "platform", "ANDROID", "language", "vi"))
                .post("/api/v1/devices").then().statusCode(201).extract().path("deviceId");

        assertThat(again).isNotEqualTo(owner.deviceId());
        assertThat(Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/premises/" + id).then()
                .statusCode(200).extract().jsonPath().getList("ownerDeviceIds")).containsExactly(again);
    }
}
