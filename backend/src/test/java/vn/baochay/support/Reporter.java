package vn.baochay.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** A citizen's phone after its report was accepted: it holds the reportId and the reportToken. */
public record Reporter(String reportId, String incidentId, String token) {

    /** Reports a fire at the point and keeps what the acceptance gave. */
    public static Reporter at(double[] point) {
        JsonPath accepted = Api.submit(Reports.at(point)).statusCode(201).extract().jsonPath();
        return new Reporter(accepted.getString("reportId"), accepted.getString("incidentId"),
                accepted.getString("reportToken"));
    }

    /** A request about this report, carrying its token, checked against the contract. */
    public RequestSpecification request() {
        return given().filter(Contract.RESPONSES).auth().oauth2(token);
    }

    public ValidatableResponse putPhoto(String clientPhotoId, byte[] image, String contentType) {
        return request().contentType(contentType).body(image)
                .put("/api/v1/reports/" + reportId + "/photos/" + clientPhotoId).then();
    }

    public ValidatableResponse putPhoto(byte[] image) {
        return putPhoto(UUID.randomUUID().toString(), image, "image/jpeg");
    }

    public ValidatableResponse photos() {
        return request().get("/api/v1/reports/" + reportId + "/photos").then();
    }

    public String photosPath() {
        return "/api/v1/reports/" + reportId + "/photos";
    }
}
