package vn.baochay.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.baochay.support.Api;
import vn.baochay.support.Contract;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FakeFcm;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;
import vn.baochay.support.Reporter;

/** A phone registers for notifications once, keeps its secret, and binds its reports to itself. */
@QuarkusTest
class DeviceRegistrationTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    private static RequestSpecification device(String secret) {
        return given().filter(Contract.RESPONSES).contentType(ContentType.JSON).auth().oauth2(secret);
    }

    @Test
    void registrationAnswersASecretAndTheDeviceIsChangedAndRemovedOnlyWithIt() {
        String token = "fcm-" + UUID.randomUUID();
        var registered = given().filter(Contract.RESPONSES).contentType(ContentType.JSON)
                .body(Map.of("fcmToken", token, "platform", "IOS"))
                .post("/api/v1/devices").then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("deviceSecret", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("platform", equalTo("IOS"))
                .body("language", equalTo("vi"))
                .extract().jsonPath();
        String id = registered.getString("deviceId");
        String secret = registered.getString("deviceSecret");

        device(Phone.registered("vi").secret()).body(Map.of("language", "en")).put("/api/v1/devices/" + id)
                .then().statusCode(401).body("type", equalTo(PROBLEMS + "unauthenticated"));
        device(secret).body(Map.of("language", "en", "fcmToken", "fcm-" + UUID.randomUUID()))
                .put("/api/v1/devices/" + id).then().statusCode(200)
                .body("language", equalTo("en")).body("platform", equalTo("IOS"));
        device(secret).delete("/api/v1/devices/" + id).then().statusCode(204);
        device(secret).body(Map.of("language", "vi")).put("/api/v1/devices/" + id).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no FCM token,, ANDROID, vi, fcmToken",
            "an unknown platform, fcm-x, WINDOWS, vi, platform",
            "a language the app does not speak, fcm-y, ANDROID, fr, language"})
    void badRegistrationIsRefusedWithTheFieldAndStoresNothing(String why, String token, String platform,
                                                              String language, String field) {
        var body = new java.util.HashMap<String, Object>();
        if (token != null) {
            body.put("fcmToken", token);
        }
        body.put("platform", platform);
        body.put("language", language);
        given().filter(Contract.RESPONSES).contentType(ContentType.JSON).body(body).post("/api/v1/devices")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void aReportFromARegisteredPhoneIsBoundAndOneWithAWrongSecretIsTakenAllTheSame() {
        Phone phone = Phone.registered("vi");
        var report = Reports.with(Reports.at(Places.inDienBien()), "deviceId", phone.deviceId());

        device(phone.secret()).body(report).post("/api/v1/reports").then().statusCode(201)
                .body("deviceBound", equalTo(true));
        device(phone.secret()).body(report).post("/api/v1/reports").then().statusCode(200)
                .body("deviceBound", equalTo(true));
        device(Phone.registered("vi").secret()).body(Reports.with(Reports.at(Places.inDienBien()), "deviceId",
                phone.deviceId())).post("/api/v1/reports").then().statusCode(201).body("deviceBound", equalTo(false));
        Api.submit(Reports.with(Reports.at(Places.inDienBien()), "deviceId", UUID.randomUUID().toString()))
                .statusCode(201).body("deviceBound", equalTo(false));
    }

    @Test
    void theSamePhoneRegisteringAgainTakesItsReportsAlongAndIsNeverNotifiedTwice() throws Exception {
        Phone first = Phone.registered("vi");
        Reporter reporter = first.report(Places.inDienBien());
        // The app was reinstalled: same FCM token, a new registration.
        var again = given().filter(Contract.RESPONSES).contentType(ContentType.JSON)
                .body(Map.of("fcmToken", first.fcmToken(), "platform", "ANDROID", "language", "en"))
                .post("/api/v1/devices").then().statusCode(201).extract().jsonPath();

        device(first.secret()).body(Map.of("language", "vi")).put("/api/v1/devices/" + first.deviceId())
                .then().statusCode(401);
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("version", 0))
                .post("/api/v1/dispatch/incidents/" + reporter.incidentId() + "/acknowledge").then().statusCode(200);

        var sent = FakeFcm.instance().await(first.fcmToken(), 1, Duration.ofSeconds(10));
        Thread.sleep(1000);
        assertThat(FakeFcm.instance().to(first.fcmToken())).hasSize(1);
        // In the new registration's language.
        assertThat(sent.get(0).message().path("notification").path("title").asText())
                .isEqualTo("The 114 centre has taken your report");
        assertThat(again.getString("deviceId")).isNotEqualTo(first.deviceId());
    }
}
