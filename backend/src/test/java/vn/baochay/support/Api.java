package vn.baochay.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** The citizen API as the app calls it; every response is checked against the contract ({@link Contract}). */
public final class Api {

    private Api() {
    }

    public static ValidatableResponse submit(Map<String, Object> report) {
        return given().filter(Contract.RESPONSES).contentType(ContentType.JSON).body(report).when().post("/api/v1/reports").then();
    }

    public static ValidatableResponse submitRaw(String contentType, String body) {
        return given().filter(Contract.RESPONSES).contentType(contentType).body(body).when().post("/api/v1/reports").then();
    }

    public static ValidatableResponse incident(String incidentId) {
        return given().filter(Contract.RESPONSES).accept(ContentType.JSON).when().get("/api/v1/incidents/" + incidentId).then();
    }
}
