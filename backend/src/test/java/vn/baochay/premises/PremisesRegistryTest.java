package vn.baochay.premises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.alarm.Dc09Receiver;
import vn.baochay.support.Accounts;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FakeFcm;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.PremisesRegistry;
import vn.baochay.support.TestClock;

/**
 * The premises registry as supervisors use it: who may write it, what it refuses, what a dispatcher reads, and
 * the owners' phones that are told when the premises' fire alarm goes off.
 */
@QuarkusTest
class PremisesRegistryTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    @Inject
    TestClock clock;

    @Inject
    Dc09Receiver receiver;

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
    void theOwnersPhonesAreToldWhenThePremisesFireAlarmGoesOff() throws Exception {
        Phone owner = Phone.registered("vi");
        Phone manager = Phone.registered("en");
        Phone stranger = Phone.registered("vi");
        Map<String, Object> body = PremisesRegistry.body(PremisesRegistry.freshAccount(), Places.inDienBien());
        body.put("ownerDeviceIds", List.of(owner.deviceId(), manager.deviceId()));
        JsonPath premises = Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises")
                .then().statusCode(201).extract().jsonPath();
        assertThat(premises.getList("ownerDeviceIds")).containsExactlyInAnyOrder(owner.deviceId(), manager.deviceId());

        String answer = sendFireAlarm(premises.getString("accountId"));
        assertThat(answer).contains("\"ACK\"");

        FakeFcm.Received toOwner = FakeFcm.instance().await(owner.fcmToken(), 1, Duration.ofSeconds(15)).get(0);
        JsonNode toManager = FakeFcm.instance().await(manager.fcmToken(), 1, Duration.ofSeconds(15)).get(0).message();
        assertThat(toOwner.message().path("data").path("kind").asText()).isEqualTo("PREMISES_ALARM");
        assertThat(toOwner.message().path("notification").path("title").asText())
                .isEqualTo("Hệ thống báo cháy tại cơ sở của bạn đang báo động");
        assertThat(toManager.path("notification").path("title").asText())
                .isEqualTo("The fire alarm at your premises has gone off");
        String incidentId = toOwner.message().path("data").path("incidentId").asText();
        assertThat(Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/incidents/" + incidentId)
                .then().statusCode(200).extract().jsonPath().getString("premises.id")).isEqualTo(premises.getString("id"));
        Thread.sleep(1000);
        assertThat(FakeFcm.instance().to(stranger.fcmToken())).isEmpty();
        assertThat(FakeFcm.instance().to(owner.fcmToken())).hasSize(1);
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

    /** One Contact ID fire alarm over TCP, framed by hand (CRC-16/ARC, length, UTC timestamp). */
    private String sendFireAlarm(String account) throws Exception {
        int port = receiver.tcpPort();
        var t = clock.instant().atZone(ZoneOffset.UTC);
        String body = "\"ADM-CID\"0001L0#" + account + "[#" + account + "|1110 01 001]_"
                + String.format(Locale.ROOT, "%02d:%02d:%02d,%02d-%02d-%04d", t.getHour(), t.getMinute(),
                t.getSecond(), t.getMonthValue(), t.getDayOfMonth(), t.getYear());
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        int crc = 0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        String frame = "\n" + String.format(Locale.ROOT, "%04X%04X", crc, bytes.length) + body + "\r";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(frame.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder answer = new StringBuilder();
            int c;
            while ((c = socket.getInputStream().read()) != -1 && c != '\r') {
                answer.append((char) c);
            }
            return answer.toString();
        }
    }
}
