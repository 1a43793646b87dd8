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

    /** The session an access token belongs to (its {@code sid} claim). */
    public static java.util.UUID sessionOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher sid = java.util.regex.Pattern.compile("\"sid\"\\s*:\\s*\"([0-9a-f-]{36})\"")
                .matcher(payload);
        if (!sid.find()) {
            throw new IllegalStateException("no sid in " + payload);
        }
        return java.util.UUID.fromString(sid.group(1));
    }

    public static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
