package vn.baochay.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Accounts;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.LiveClient;

/**
 * Sessions that can be ended: short access tokens, refresh tokens that rotate and betray a copy,
 * log-out, deactivation and a change of provinces reaching calls and open sockets within the check
 * interval (1 s in the test profile), single-use live tickets, and a cap on sockets per account.
 */
@QuarkusTest
class SessionTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/v1/dispatch/refresh").then();
    }

    private static String ticket(String accessToken) {
        return Dispatchers.withToken(accessToken).post("/api/v1/dispatch/live-ticket")
                .then().statusCode(200).extract().path("ticket");
    }

    @Test
    void anAccessTokenLastsAtMostFifteenMinutesAndARefreshGivesTheNextPair() {
        Accounts.Account account = Accounts.dispatcher("Điện Biên");
        JsonPath login = account.login();
        Instant expires = Instant.parse(login.getString("expiresAt"));
        assertThat(Duration.between(Instant.now(), expires)).isLessThanOrEqualTo(Duration.ofMinutes(15));

        JsonPath next = refresh(login.getString("refreshToken")).statusCode(200).extract().jsonPath();

        assertThat(next.getString("refreshToken")).isNotEqualTo(login.getString("refreshToken"));
        Dispatchers.withToken(next.getString("token")).get("/api/v1/dispatch/incidents").then().statusCode(200);
        assertThat(next.getString("dispatcher.username")).isEqualTo(account.username());
    }

    @Test
    void aRefreshTokenUsedTwiceEndsTheSessionAndClosesItsSocket() throws Exception {
        Accounts.Account account = Accounts.dispatcher("Điện Biên");
        JsonPath login = account.login();
        String stolen = login.getString("refreshToken");
        JsonPath rightful = refresh(stolen).statusCode(200).extract().jsonPath();
        try (LiveClient console = LiveClient.connectWithTicket(ticket(rightful.getString("token")), null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));

            refresh(stolen).statusCode(401).body("type", equalTo(PROBLEMS + "unauthenticated"));

            assertThat(console.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
        }
        refresh(rightful.getString("refreshToken")).statusCode(401);
        Dispatchers.withToken(rightful.getString("token")).get("/api/v1/dispatch/incidents").then().statusCode(401);
    }

    @Test
    void logoutEndsTheSessionItsRefreshTokenAndItsSockets() throws Exception {
        Accounts.Account account = Accounts.dispatcher("Lào Cai");
        JsonPath login = account.login();
        String token = login.getString("token");
        try (LiveClient console = LiveClient.connectWithTicket(ticket(token), null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));

            given().contentType(ContentType.JSON).body(Map.of("refreshToken", login.getString("refreshToken")))
                    .post("/api/v1/dispatch/logout").then().statusCode(204);

            assertThat(console.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
        }
        Dispatchers.withToken(token).get("/api/v1/dispatch/incidents").then().statusCode(401);
        refresh(login.getString("refreshToken")).statusCode(401);
    }

    @Test
    void aDeactivatedAccountIsLockedOutAndItsSocketClosedWithinTheCheckInterval() throws Exception {
        Accounts.Account account = Accounts.dispatcher("Hà Nội");
        JsonPath login = account.login();
        String token = login.getString("token");
        try (LiveClient console = LiveClient.connectWithTicket(ticket(token), null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));

            Accounts.admin().body(Map.of("active", false)).patch("/api/v1/admin/accounts/" + account.username())
                    .then().statusCode(200).body("active", equalTo(false));

            assertThat(console.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
        }
        Dispatchers.withToken(token).get("/api/v1/dispatch/incidents").then().statusCode(401);
        refresh(login.getString("refreshToken")).statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", account.username(), "password",
                account.password())).post("/api/v1/dispatch/login").then().statusCode(401);
    }

    @Test
    void aNewJurisdictionAppliesToTheNextCallAndReconnectsTheConsole() throws Exception {
        Accounts.Account account = Accounts.dispatcher("Điện Biên");
        String token = account.token();
        Dispatchers.withToken(token).get("/api/v1/dispatch/units").then().statusCode(200)
                .body("province.unique()", equalTo(List.of("Điện Biên")));
        try (LiveClient console = LiveClient.connectWithTicket(ticket(token), null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));

            Accounts.admin().body(Map.of("provinces", List.of("Lào Cai")))
                    .patch("/api/v1/admin/accounts/" + account.username()).then().statusCode(200);

            assertThat(console.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
        }
        Dispatchers.withToken(token).get("/api/v1/dispatch/units").then().statusCode(200)
                .body("province.unique()", equalTo(List.of("Lào Cai")));
    }

    @Test
    void aLiveTicketOpensOneSocketOnly() throws Exception {
        String ticket = ticket(Accounts.dispatcher("Điện Biên").token());
        try (LiveClient first = LiveClient.connectWithTicket(ticket, null)) {
            first.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));

            assertThatThrownBy(() -> LiveClient.connectWithTicket(ticket, null))
                    .as("the same ticket replayed a moment later").rootCause().hasMessageContaining("401");
        }
    }

    @Test
    void anAccountHoldsAtMostFiveSocketsAtOnce() throws Exception {
        String token = Accounts.dispatcher("Điện Biên").token();
        List<LiveClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                LiveClient console = LiveClient.connectWithTicket(ticket(token), null);
                console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));
                open.add(console);
            }
            try (LiveClient sixth = LiveClient.connectWithTicket(ticket(token), null)) {
                assertThat(sixth.awaitClose(Duration.ofSeconds(10))).isEqualTo(4403);
            }
        } finally {
            open.forEach(LiveClient::close);
        }
    }

    @Test
    void aConsoleRenewsItsSocketWithAFreshTicketAndAForgedOneIsRefused() throws Exception {
        String token = Accounts.dispatcher("Điện Biên").token();
        try (LiveClient console = LiveClient.connectWithTicket(ticket(token), null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(10));

            console.send("{\"type\":\"renew\",\"ticket\":\"" + ticket(token) + "\"}");

            console.await(LiveClient.type("renewed"), Duration.ofSeconds(10));
            console.send("{\"type\":\"renew\",\"ticket\":\"not-a-ticket\"}");
            console.await(LiveClient.type("renew-refused"), Duration.ofSeconds(10));
        }
    }

    @Test
    void aNewPasswordEndsEveryOtherSessionOfTheAccount() {
        Accounts.Account account = Accounts.dispatcher("Điện Biên");
        JsonPath desk = account.login();
        JsonPath laptop = account.login();

        Accounts.admin().body(Map.of("password", "mat-khau-moi-rat-dai"))
                .patch("/api/v1/admin/accounts/" + account.username()).then().statusCode(200);

        refresh(desk.getString("refreshToken")).statusCode(401);
        refresh(laptop.getString("refreshToken")).statusCode(401);
        Dispatchers.withToken(desk.getString("token")).get("/api/v1/dispatch/incidents").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", account.username(), "password",
                "mat-khau-moi-rat-dai")).post("/api/v1/dispatch/login").then().statusCode(200);
    }

    @Test
    void onlyAnAdministratorManagesAccounts() {
        Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/admin/accounts").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        Accounts.admin().body(Map.of("username", "x", "displayName", "x", "password", "short", "role", "DISPATCHER",
                "provinces", List.of())).post("/api/v1/admin/accounts").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-request"));
    }
}
