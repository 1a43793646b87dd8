package vn.baochay.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Dispatchers;

@QuarkusTest
class LoginTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    private static io.restassured.response.ValidatableResponse login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/v1/dispatch/login").then();
    }

    @Test
    void dispatcherLogsInAndLearnsTheirRoleAndProvinces() {
        login("dieuphoi.dienbien", "dienbien114").statusCode(200)
                .body("token", notNullValue())
                .body("expiresAt", notNullValue())
                .body("dispatcher.username", equalTo("dieuphoi.dienbien"))
                .body("dispatcher.role", equalTo("DISPATCHER"))
                .body("dispatcher.provinces", hasItems("Điện Biên", "Lai Châu"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreTheSameRefusal() {
        login("dieuphoi.hanoi", "wrong").statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-credentials"));
        login("nobody.here", "whatever").statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-credentials"));
    }

    @Test
    void repeatedGuessingLocksTheUsernameForAWhile() {
        for (int i = 0; i < 5; i++) {
            login("quantri", "guess-" + i).statusCode(401);
        }
        login("quantri", "quantri114").statusCode(429).body("type", equalTo(PROBLEMS + "too-many-attempts"));
    }

    @Test
    void dispatchApiNeedsAToken() {
        given().when().get("/api/v1/dispatch/incidents").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unauthenticated"));
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").when()
                .get("/api/v1/dispatch/incidents").then().statusCode(401);
    }

    @Test
    void liveTicketIsNotAnAccessToken() {
        String ticket = Dispatchers.as(Dispatchers.DIEN_BIEN).post("/api/v1/dispatch/live-ticket")
                .then().statusCode(200).extract().path("ticket");

        Dispatchers.withToken(ticket).get("/api/v1/dispatch/incidents").then().statusCode(401);
    }

    @Test
    void loginWithMissingFieldsIsAProblem() {
        given().contentType(ContentType.JSON).body(Map.of("username", "giamsat"))
                .when().post("/api/v1/dispatch/login").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors[0].field", equalTo("password"));
    }
}
