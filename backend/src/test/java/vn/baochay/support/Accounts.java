package vn.baochay.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accounts made for one test through the administrators' API, so no other test shares their state. */
public final class Accounts {

    /** A new account: its username and password, and how to log in as it. */
    public record Account(String username, String password) {

        public JsonPath login() {
            return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                    .post("/api/v1/dispatch/login").then().statusCode(200).extract().jsonPath();
        }

        public String token() {
            return login().getString("token");
        }
    }

    private Accounts() {
    }

    public static Account dispatcher(String... provinces) {
        return create("DISPATCHER", List.of(provinces));
    }

    public static Account create(String role, List<String> provinces) {
        String username = "t." + UUID.randomUUID().toString().substring(0, 8);
        String password = "mat-khau-" + UUID.randomUUID();
        admin().body(Map.of("username", username, "displayName", "Test " + username, "password", password,
                        "role", role, "provinces", provinces))
                .post("/api/v1/admin/accounts").then().statusCode(201);
        return new Account(username, password);
    }

    /** A request as the demo administrator. */
    public static io.restassured.specification.RequestSpecification admin() {
        return Dispatchers.as("quantri");
    }
}
