package vn.baochay.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Accounts;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FromAddress;

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

    private static String credentials(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void aHammeredUsernameStillLogsInFromItsOwnConsole() {
        Accounts.Account hoa = Accounts.dispatcher("Điện Biên");
        FromAddress attacker = FromAddress.of("127.0.0.20");
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.postJson("/api/v1/dispatch/login", credentials(hoa.username(), "guess-" + i)).status())
                    .isEqualTo(401);
        }
        FromAddress.Answer locked = attacker.postJson("/api/v1/dispatch/login",
                credentials(hoa.username(), hoa.password()));
        assertThat(locked.status()).as("even the right password, from the guessing address").isEqualTo(429);
        assertThat(locked.body()).contains(PROBLEMS + "too-many-attempts");
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();

        FromAddress.Answer own = FromAddress.of("127.0.0.21").postJson("/api/v1/dispatch/login",
                credentials(hoa.username(), hoa.password()));
        assertThat(own.status()).as("the dispatcher at their own console").isEqualTo(200);
    }

    @Test
    void guessingFromManyAddressesStopsWhileTheDispatchersKnownAddressGetsIn() {
        Accounts.Account nam = Accounts.dispatcher("Lào Cai");
        FromAddress console = FromAddress.of("127.0.0.30");
        assertThat(console.postJson("/api/v1/dispatch/login", credentials(nam.username(), nam.password())).status())
                .isEqualTo(200);
        // 11 addresses x 5 guesses: past the 50 failures a username may have from anywhere in the window.
        for (int a = 0; a < 11; a++) {
            FromAddress bot = FromAddress.of("127.0.1." + (10 + a));
            for (int i = 0; i < 5; i++) {
                bot.postJson("/api/v1/dispatch/login", credentials(nam.username(), "guess-" + a + "-" + i));
            }
        }

        assertThat(FromAddress.of("127.0.1.99").postJson("/api/v1/dispatch/login",
                credentials(nam.username(), nam.password())).status()).as("a new address").isEqualTo(429);
        assertThat(console.postJson("/api/v1/dispatch/login", credentials(nam.username(), nam.password())).status())
                .as("where the dispatcher logged in before").isEqualTo(200);
    }

    @Test
    void guessingUnknownUsernamesLeavesNoAuditRecords() throws Exception {
        long before = auditRows();
        FromAddress bot = FromAddress.of("127.0.0.40");
        for (int i = 0; i < 8; i++) {
            assertThat(bot.postJson("/api/v1/dispatch/login", credentials("nobody." + i, "guess")).status())
                    .isEqualTo(401);
        }
        assertThat(auditRows()).isEqualTo(before);
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource database;

    private long auditRows() throws java.sql.SQLException {
        try (var c = database.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM audit_log")) {
            rows.next();
            return rows.getLong(1);
        }
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
