package vn.baochay.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** A citizen's phone registered for notifications: its FCM token (unique per test), device id and secret. */
public record Phone(String deviceId, String secret, String fcmToken, String language) {

    public static Phone registered(String language) {
        String fcmToken = "fcm-" + UUID.randomUUID();
        JsonPath registered = given().filter(Contract.RESPONSES).contentType(ContentType.JSON)
                .body(Map.of("fcmToken", fcmToken, "platform", "ANDROID", "language", language))
                .post("/api/v1/devices").then().statusCode(201).extract().jsonPath();
        return new Phone(registered.getString("deviceId"), registered.getString("deviceSecret"), fcmToken, language);
    }

    /** Reports a fire at the point from this phone (its notifications come here); keeps the acceptance. */
    public Reporter report(double[] point) {
        JsonPath accepted = given().filter(Contract.RESPONSES).contentType(ContentType.JSON).auth().oauth2(secret)
                .body(Reports.with(Reports.at(point), "deviceId", deviceId))
                .post("/api/v1/reports").then().statusCode(201).extract().jsonPath();
        if (!accepted.getBoolean("deviceBound")) {
            throw new AssertionError("the report was not bound to the device: " + accepted.prettify());
        }
        return new Reporter(accepted.getString("reportId"), accepted.getString("incidentId"),
                accepted.getString("reportToken"));
    }
}
