package vn.baochay.report;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.baochay.support.Api;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * Every bad report answers a problem+json with a stable type and the offending field, and stores
 * nothing: afterwards a good report with the same clientReportId is still accepted as new (201).
 */
@QuarkusTest
class BadReportTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("missing location", "location", null, "invalid-location", "location"),
                Arguments.of("missing latitude", "location.lat", null, "invalid-location", "location.lat"),
                Arguments.of("missing longitude", "location.lon", null, "invalid-location", "location.lon"),
                Arguments.of("latitude beyond the pole", "location.lat", 91.5, "invalid-location", "location.lat"),
                Arguments.of("longitude out of range", "location.lon", -180.01, "invalid-location", "location.lon"),
                Arguments.of("infinite latitude", "location.lat", new java.math.BigDecimal("1e999"), "invalid-location",
                        "location.lat"),
                Arguments.of("latitude as text", "location.lat", "north", "invalid-location", "location.lat"),
                Arguments.of("negative accuracy", "location.accuracyM", -5, "invalid-location", "location.accuracyM"),
                Arguments.of("unknown kind", "kind", "FLOOD", "invalid-request", "kind"),
                Arguments.of("lower-case kind", "kind", "fire", "invalid-request", "kind"),
                Arguments.of("description over 1000 characters", "description", "ư".repeat(1001), "invalid-request",
                        "description"),
                Arguments.of("phone that is not a number", "reporter.phone", "call me", "invalid-request",
                        "reporter.phone"),
                Arguments.of("reporter name over 100 characters", "reporter.name", "A".repeat(101), "invalid-request",
                        "reporter.name"),
                Arguments.of("observedAt that is not a date", "observedAt", "yesterday", "invalid-request", "observedAt"),
                Arguments.of("observedAt before 2000", "observedAt", "1999-12-31T23:59:00+07:00", "invalid-request",
                        "observedAt"),
                Arguments.of("observedAt centuries ahead", "observedAt", "2400-01-01T00:00:00Z", "invalid-request",
                        "observedAt"),
                Arguments.of("a point in Paris", "location",
                        Map.of("lat", Places.PARIS[0], "lon", Places.PARIS[1], "accuracyM", 10),
                        "invalid-location", "location"),
                Arguments.of("null island (0, 0)", "location", Map.of("lat", 0, "lon", 0), "invalid-location", "location"),
                Arguments.of("a right-to-left override in the description", "description",
                        "Cháy \u202Egnaht nahn\u202C ở chợ", "invalid-request", "description"),
                Arguments.of("an isolate in the description", "description", "Cháy \u2067ở\u2069 chợ", "invalid-request",
                        "description"),
                Arguments.of("NUL in the reporter's name", "reporter.name", "Lò\u0000Văn", "invalid-request",
                        "reporter.name"),
                Arguments.of("an escape sequence in the reporter's name", "reporter.name", "\u001b[31mLò Văn",
                        "invalid-request", "reporter.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void invalidFieldIsRefusedWithItsNameAndStoresNothing(String why, String field, Object value, String type,
                                                          String reported) {
        Map<String, Object> good = Reports.at(Places.fresh());

        Api.submit(Reports.with(good, field, value))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/reports"))
                .body("errors.field", hasItem(reported));

        Api.submit(good).statusCode(201);
    }

    @Test
    void clientReportIdThatIsNotAUuidIsRefused() {
        Api.submit(Reports.with(Reports.at(Places.fresh()), "clientReportId", "12345"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors[0].field", equalTo("clientReportId"))
                .body("errors[0].message", equalTo("must be a UUID"));
    }

    @Test
    void missingClientReportIdIsRefused() {
        Api.submit(Reports.with(Reports.at(Places.fresh()), "clientReportId", null))
                .statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors.field", hasItem("clientReportId"));
    }

    @Test
    void malformedJsonIsRefused() {
        String id = UUID.randomUUID().toString();
        Api.submitRaw("application/json", "{\"clientReportId\":\"" + id + "\",\"location\":{\"lat\":21.3,")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "malformed-json"))
                .body("detail", notNullValue());

        Api.submit(Reports.with(Reports.at(Places.fresh()), "clientReportId", id)).statusCode(201);
    }

    @Test
    void emptyBodyIsRefused() {
        Api.submitRaw("application/json", "")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-request"));
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        Api.submitRaw("text/plain", "FIRE at 21.38,103.01")
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
    }

    @Test
    void oversizedBodyIsRefusedBeforeItIsRead() {
        Map<String, Object> huge = Reports.with(Reports.at(Places.fresh()), "padding", "x".repeat(20_000));

        Api.submit(huge)
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "payload-too-large"));

        Api.submit(Reports.with(huge, "padding", null)).statusCode(201);
    }

    @Test
    void chunkedBodyWithoutALengthIsRefusedBeforeItIsReadEvenAtAMegabyte() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] megabyte = ("{\"clientReportId\":\"" + id + "\",\"location\":{\"lat\":21.3,\"lon\":103.0},"
                + "\"padding\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                // An input stream has no length: the client sends it chunked.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(megabyte)))
                .build();

        var answer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(411);
        org.assertj.core.api.Assertions.assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(answer.body()).contains(PROBLEMS + "length-required");
        Api.submit(Reports.with(Reports.at(Places.fresh()), "clientReportId", id)).statusCode(201);
    }

    @Test
    void reportsFromHoangSaAndWithLineBreaksAreTaken() {
        Api.submit(Reports.with(Reports.at(Places.HOANG_SA), "description", "Cháy kho\nở cảng\tphía bắc"))
                .statusCode(201);
    }

    @Test
    void unknownFieldsFromANewerAppAreIgnored() {
        Api.submit(Reports.with(Reports.at(Places.fresh()), "batteryPercent", 7)).statusCode(201);
    }

    @Test
    void wrongMethodIsAProblemToo() {
        io.restassured.RestAssured.given().when().delete("/api/v1/reports")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "method-not-allowed"));
    }
}
