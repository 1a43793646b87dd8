package vn.baochay.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import vn.baochay.support.CapSchema;
import vn.baochay.support.Contract;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FakeFcm;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;

/**
 * Area alerts, from the dispatcher who draws one to the phones in the area (through the real Firebase
 * Admin SDK and a stand-in of FCM) and to anyone reading the CAP messages, each validated against
 * the OASIS CAP 1.2 schema.
 */
@QuarkusTest
class AreaAlertTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    io.agroal.api.AgroalDataSource database;

    static Map<String, Object> circleAlert(double[] center, int radiusM) {
        return alert(Map.of("circle", Map.of("center", point(center), "radiusM", radiusM)));
    }

    static Map<String, Object> alert(Map<String, Object> area) {
        Map<String, Object> body = new HashMap<>();
        body.put("event", "FIRE");
        body.put("severity", "Severe");
        body.put("urgency", "Immediate");
        body.put("certainty", "Observed");
        body.put("headline", Map.of("vi", "Cháy chợ — rời khỏi khu vực chợ", "en", "Market fire — leave the market area"));
        body.put("instruction", Map.of("vi", "Đi ngay ra xa chợ ít nhất 500 m, tránh đường Hoàng Văn Thái.",
                "en", "Move at least 500 m away from the market now, avoid Hoàng Văn Thái street."));
        body.put("area", area);
        body.put("expiresAt", Instant.now().plus(Duration.ofHours(2)).toString());
        return body;
    }

    static Map<String, Object> point(double[] p) {
        return Map.of("lat", p[0], "lon", p[1]);
    }

    private static Phone at(double[] where, String language) {
        Phone phone = Phone.registered(language);
        given().filter(Contract.RESPONSES).contentType(ContentType.JSON).auth().oauth2(phone.secret())
                .body(point(where))
                .put("/api/v1/devices/" + phone.deviceId() + "/location")
                .then().statusCode(200);
        return phone;
    }

    private static JsonPath issue(String dispatcher, Map<String, Object> body) {
        return Dispatchers.as(dispatcher).body(body).post("/api/v1/dispatch/alerts")
                .then().statusCode(201).extract().jsonPath();
    }

    private static String cap(String alertId) {
        String xml = given().filter(Contract.RESPONSES).accept("application/cap+xml")
                .get("/api/v1/alerts/" + alertId + ".cap")
                .then().statusCode(200).contentType("application/cap+xml").extract().asString();
        CapSchema.validate(xml);
        return xml;
    }

    private long count(String sql) throws Exception {
        try (var c = database.getConnection(); var q = c.createStatement(); var rs = q.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aPhoneInsideTheCircleIsWarnedInItsLanguageAndOneOutsideIsNot() throws Exception {
        double[] market = Places.inDienBien();
        Phone inside = at(Places.east(market, 150), "en");
        Phone outside = at(Places.north(market, 12_000), "vi");

        JsonPath issued = issue(Dispatchers.DIEN_BIEN, circleAlert(market, 500));
        String id = issued.getString("id");
        assertThat(issued.getList("provinces")).containsExactly("Điện Biên");

        var warned = FakeFcm.instance().await(inside.fcmToken(), 1, SOON).get(0).message();
        assertThat(warned.path("notification").path("title").asText()).isEqualTo("Market fire — leave the market area");
        assertThat(warned.path("data").path("kind").asText()).isEqualTo("ALERT");
        assertThat(warned.path("data").path("alertId").asText()).isEqualTo(id);
        assertThat(warned.path("android").path("priority").asText()).isEqualTo("high");
        // Phones that keep no position hear it through the province's topics, one per language.
        var onTopic = FakeFcm.instance().await("/topics/alerts.dien-bien.vi", 1, SOON);
        assertThat(onTopic).anySatisfy(r -> assertThat(r.message().path("data").path("alertId").asText()).isEqualTo(id));
        FakeFcm.instance().await("/topics/alerts.dien-bien.en", 1, SOON);
        assertThat(FakeFcm.instance().to(outside.fcmToken())).isEmpty();
    }

    @Test
    void aPhoneInsideThePolygonIsWarnedAndOneOutsideIsNot() throws Exception {
        double[] c = Places.inDienBien();
        List<Map<String, Object>> square = List.of(point(Places.north(Places.east(c, -1000), -1000)),
                point(Places.north(Places.east(c, 1000), -1000)), point(Places.north(Places.east(c, 1000), 1000)),
                point(Places.north(Places.east(c, -1000), 1000)));
        Phone inside = at(c, "vi");
        Phone outside = at(Places.east(c, 15_000), "vi");

        String id = issue(Dispatchers.SUPERVISOR, alert(Map.of("polygon", square))).getString("id");

        var warned = FakeFcm.instance().await(inside.fcmToken(), 1, SOON).get(0).message();
        assertThat(warned.path("notification").path("title").asText()).isEqualTo("Cháy chợ — rời khỏi khu vực chợ");
        assertThat(warned.path("data").path("alertId").asText()).isEqualTo(id);
        FakeFcm.instance().await("/topics/alerts.dien-bien.en", 1, SOON);
        assertThat(FakeFcm.instance().to(outside.fcmToken())).isEmpty();
        String xml = cap(id);
        assertThat(xml).contains("<polygon>").doesNotContain("<circle>");
    }

    @Test
    void everyRevisionIsValidCapAndReferencesTheOnesBefore() {
        double[] market = Places.inDienBien();
        JsonPath issued = issue(Dispatchers.DIEN_BIEN, circleAlert(market, 800));
        String id = issued.getString("id");
        String first = cap(id);
        assertThat(first).contains("<msgType>Alert</msgType>").contains("<circle>")
                .contains("<language>vi-VN</language>").contains("<language>en-US</language>")
                .doesNotContain("<references>");

        Map<String, Object> changed = circleAlert(market, 1500);
        changed.put("revision", 1);
        JsonPath updated = Dispatchers.as(Dispatchers.DIEN_BIEN).body(changed).put("/api/v1/dispatch/alerts/" + id)
                .then().statusCode(200).body("revision", equalTo(2)).body("msgType", equalTo("Update"))
                .extract().jsonPath();
        String second = cap(id);
        assertThat(second).contains("<msgType>Update</msgType>").contains("1.500</circle>")
                .contains("urn:baochay:alert:" + id + ":1,");

        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("revision", 2, "reason", "Đám cháy đã được dập tắt"))
                .post("/api/v1/dispatch/alerts/" + id + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("msgType", equalTo("Cancel"));
        String third = cap(id);
        assertThat(third).contains("<msgType>Cancel</msgType>").contains("urn:baochay:alert:" + id + ":1,")
                .contains("urn:baochay:alert:" + id + ":2,").contains("<responseType>AllClear</responseType>");
        assertThat(updated.getString("identifier")).isEqualTo("urn:baochay:alert:" + id + ":2");
    }

    @Test
    void theActiveListShowsAlertsInForceAndTheFeedAlsoTheirCancels() throws Exception {
        double[] market = Places.inDienBien();
        String active = issue(Dispatchers.DIEN_BIEN, circleAlert(market, 400)).getString("id");
        String cancelled = issue(Dispatchers.DIEN_BIEN, circleAlert(Places.inDienBien(), 400)).getString("id");
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("revision", 1))
                .post("/api/v1/dispatch/alerts/" + cancelled + "/cancel").then().statusCode(200);

        given().filter(Contract.STRICT).get("/api/v1/alerts")
                .then().statusCode(200)
                .body("alerts.id", hasItem(active)).body("alerts.id", not(hasItem(cancelled)));
        given().filter(Contract.STRICT).queryParam("lat", market[0]).queryParam("lon", market[1] + 0.002)
                .get("/api/v1/alerts").then().statusCode(200).body("alerts.id", hasItem(active));
        double[] far = Places.north(market, 5000);
        given().filter(Contract.STRICT).queryParam("lat", far[0]).queryParam("lon", far[1])
                .get("/api/v1/alerts").then().statusCode(200).body("alerts.id", not(hasItem(active)));

        for (Response feed : List.of(given().accept("application/atom+xml").get("/api/v1/alerts"),
                given().get("/api/v1/alerts.atom?lang=en"))) {
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.contentType()).startsWith("application/atom+xml");
            Document atom = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(feed.asString())));
            List<String> ids = new ArrayList<>();
            var entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id");
            for (int i = 0; i < entries.getLength(); i++) {
                ids.add(entries.item(i).getTextContent());
            }
            assertThat(ids).contains("urn:baochay:alert:" + active + ":1", "urn:baochay:alert:" + cancelled + ":2");
            assertThat(feed.asString()).contains("/api/v1/alerts/" + active + ".cap");
        }
    }

    @Test
    void aDispatcherCannotIssueAnAlertInAnotherProvinceAndNothingIsStored() throws Exception {
        long before = count("SELECT count(*) FROM alerts");
        Dispatchers.as(Dispatchers.LAO_CAI).body(circleAlert(Places.inDienBien(), 500)).post("/api/v1/dispatch/alerts")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/out-of-jurisdiction"))
                .body("detail", not(org.hamcrest.Matchers.containsString("Điện Biên")));
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM incident_events WHERE type = 'AlertIssued' AND payload->>'actor' = '"
                + Dispatchers.LAO_CAI + "'")).isZero();
    }

    @Test
    void badAlertsAreRefusedWithTheFieldAndNothingIsStored() throws Exception {
        long before = count("SELECT count(*) FROM alerts");
        double[] c = Places.inDienBien();
        Map<String, Object> tooSmall = circleAlert(c, 20);
        Map<String, Object> crossing = alert(Map.of("polygon", List.of(point(c), point(Places.east(Places.north(c, 1000), 1000)),
                point(Places.north(c, 1000)), point(Places.east(c, 1000)))));
        Map<String, Object> past = circleAlert(c, 500);
        past.put("expiresAt", Instant.now().minusSeconds(60).toString());
        Map<String, Object> bidi = circleAlert(c, 500);
        bidi.put("headline", Map.of("vi", "Cháy \u202Eợhc", "en", "Fire"));
        Map<String, Object> noEnglish = circleAlert(c, 500);
        noEnglish.put("instruction", Map.of("vi", "Rời khỏi khu vực", "en", " "));
        Map<String, Object> both = alert(Map.of("circle", Map.of("center", point(c), "radiusM", 500),
                "polygon", List.of(point(c), point(Places.east(c, 500)), point(Places.north(c, 500)))));
        Map<String, Object> huge = alert(Map.of("polygon", List.of(point(c), point(Places.east(c, 60_000)),
                point(Places.north(Places.east(c, 60_000), 60_000)), point(Places.north(c, 60_000)))));
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("area.circle.radiusM", tooSmall);
        cases.put("area.polygon", crossing);
        cases.put("expiresAt", past);
        cases.put("headline.vi", bidi);
        cases.put("instruction.en", noEnglish);
        cases.put("area", both);
        cases.put("area ", huge);
        cases.forEach((field, body) -> Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/alerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://baochay.vn/problems/invalid-request"))
                .body("errors.field", hasItem(field.strip())));

        Dispatchers.as(Dispatchers.SUPERVISOR).body(circleAlert(Places.PARIS, 500)).post("/api/v1/dispatch/alerts")
                .then().statusCode(400).body("type", equalTo("https://baochay.vn/problems/invalid-location"));
        given().contentType(ContentType.JSON).body(circleAlert(c, 500)).post("/api/v1/dispatch/alerts")
                .then().statusCode(401);
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(before);
    }

    @Test
    void aStaleOrEndedAlertCannotChange() {
        double[] c = Places.inDienBien();
        String id = issue(Dispatchers.DIEN_BIEN, circleAlert(c, 500)).getString("id");
        Map<String, Object> stale = circleAlert(c, 700);
        stale.put("revision", 5);
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(stale).put("/api/v1/dispatch/alerts/" + id)
                .then().statusCode(409).body("type", equalTo("https://baochay.vn/problems/stale-version"));
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("revision", 1))
                .post("/api/v1/dispatch/alerts/" + id + "/cancel").then().statusCode(200);
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("revision", 2))
                .post("/api/v1/dispatch/alerts/" + id + "/cancel")
                .then().statusCode(409).body("type", equalTo("https://baochay.vn/problems/illegal-transition"));
        Dispatchers.as(Dispatchers.LAO_CAI).body(Map.of("revision", 2))
                .post("/api/v1/dispatch/alerts/" + id + "/cancel")
                .then().statusCode(404);
    }

    @Test
    void consolesOfTheProvinceSeeTheAlertLiveAndOthersDoNot() {
        try (LiveClient dienBien = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             LiveClient laoCai = LiveClient.connect(Dispatchers.LAO_CAI, null)) {
            dienBien.await(LiveClient.type("snapshot"), SOON);
            laoCai.await(LiveClient.type("snapshot"), SOON);
            String id = issue(Dispatchers.DIEN_BIEN, circleAlert(Places.inDienBien(), 500)).getString("id");
            JsonPath seen = dienBien.await(m -> "AlertIssued".equals(m.getString("eventType"))
                    && id.equals(m.getString("alert.id")), SOON);
            assertThat(seen.getString("alert.headline.en")).isEqualTo("Market fire — leave the market area");
            // The Lào Cai console gets its own province's changes, never this one.
            String mine = issue(Dispatchers.LAO_CAI, circleAlert(Places.inLaoCai(), 500)).getString("id");
            laoCai.await(m -> "AlertIssued".equals(m.getString("eventType")) && mine.equals(m.getString("alert.id")), SOON);
            assertThat(laoCai.seen()).noneMatch(m -> id.equals(m.getString("alert.id")));
        }
    }

    @Test
    void issuingUpdatingAndCancellingAreAudited() throws Exception {
        String id = issue(Dispatchers.DIEN_BIEN, circleAlert(Places.inDienBien(), 500)).getString("id");
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("revision", 1))
                .post("/api/v1/dispatch/alerts/" + id + "/cancel").then().statusCode(200);
        assertThat(count("SELECT count(*) FROM audit_log WHERE detail->>'alertId' = '" + id + "' AND actor = '"
                + Dispatchers.DIEN_BIEN + "' AND action IN ('ALERT_ISSUED', 'ALERT_CANCELLED')")).isEqualTo(2);
    }

    @Test
    void aPhonesPositionIsKeptRoundedForADayAndCanBeWithdrawn() throws Exception {
        Phone phone = Phone.registered("vi");
        JsonPath kept = given().filter(Contract.RESPONSES).contentType(ContentType.JSON).auth().oauth2(phone.secret())
                .body(Map.of("lat", 21.386_789, "lon", 103.016_123))
                .put("/api/v1/devices/" + phone.deviceId() + "/location")
                .then().statusCode(200).extract().jsonPath();
        assertThat(kept.getDouble("location.lat")).isEqualTo(21.39);
        assertThat(kept.getDouble("location.lon")).isEqualTo(103.02);
        assertThat(Instant.parse(kept.getString("expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(count("SELECT count(*) FROM device_locations WHERE device_id = '" + phone.deviceId()
                + "' AND ST_Y(location::geometry) = 21.39")).isEqualTo(1);

        given().filter(Contract.RESPONSES).contentType(ContentType.JSON).auth().oauth2("wrong-secret-wrong-secret-wrong-secret")
                .body(Map.of("lat", 21.0, "lon", 105.8)).put("/api/v1/devices/" + phone.deviceId() + "/location")
                .then().statusCode(401);
        given().filter(Contract.RESPONSES).contentType(ContentType.JSON).auth().oauth2(phone.secret())
                .body(point(Places.PARIS)).put("/api/v1/devices/" + phone.deviceId() + "/location")
                .then().statusCode(400).body("type", equalTo("https://baochay.vn/problems/invalid-location"));
        assertThat(count("SELECT count(*) FROM device_locations WHERE device_id = '" + phone.deviceId()
                + "' AND ST_Y(location::geometry) = 21.39")).isEqualTo(1);

        given().filter(Contract.RESPONSES).auth().oauth2(phone.secret())
                .delete("/api/v1/devices/" + phone.deviceId() + "/location").then().statusCode(204);
        assertThat(count("SELECT count(*) FROM device_locations WHERE device_id = '" + phone.deviceId() + "'")).isZero();
    }
}
