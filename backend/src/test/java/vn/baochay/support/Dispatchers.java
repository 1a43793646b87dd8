package vn.baochay.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** The demo dispatchers (created in the test profile) and requests made as them. */
public final class Dispatchers {

    public static final String DIEN_BIEN = "dieuphoi.dienbien";
    public static final String LAO_CAI = "dieuphoi.laocai";
    public static final String SUPERVISOR = "giamsat";

    private static final Map<String, String> PASSWORDS = Map.of(
            DIEN_BIEN, "dienbien114",
            LAO_CAI, "laocai114",
            "dieuphoi.hanoi", "hanoi114",
            SUPERVISOR, "giamsat114",
            "quantri", "quantri114");

    private Dispatchers() {
    }

    public static String token(String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORDS.get(username)))
                .when().post("/api/v1/dispatch/login")
                .then().statusCode(200).extract().path("token");
    }

    /** A request carrying this dispatcher's token. */
    public static RequestSpecification as(String username) {
        return given().auth().oauth2(token(username)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
