package vn.baochay.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Management;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/** What the public port shows the internet: its headers, its endpoints, its body limits, its timeouts. */
@QuarkusTest
class HardeningTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    @Inject
    AgroalDataSource database;

    @Test
    void theConsoleCannotBeFramedAndRunsOnlyItsOwnScripts() {
        given().get("/").then()
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void apiAnswersAllowNothingAndDispatcherDataIsNeverCached() {
        Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/incidents").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
        Api.incident("6f1c1f4e-9a51-4d1b-8e22-000000000000").statusCode(404)
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void hstsIsSentOnlyWhenTheRequestCameOverTls() {
        // Without a trusted proxy configured, a client's own X-Forwarded-Proto is not believed.
        given().header("X-Forwarded-Proto", "https").get("/").then()
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/"})
    void operationalEndpointsAreNotOnThePublicPort(String path) {
        given().get(path).then().statusCode(404);
    }

    @Test
    void operationalEndpointsAreOnTheManagementPort() {
        Management.given().get("/q/metrics").then().statusCode(200);
        Management.given().get("/q/health/ready").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/dispatch/login", "/api/v1/devices", "/api/v1/dispatch/refresh"})
    void aChunkedMegabyteIsRefusedOnEveryJsonEndpointBeforeItIsRead(String path) throws Exception {
        byte[] megabyte = ("{\"padding\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
                .header("Content-Type", "application/json")
                // An input stream has no length: the client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(megabyte)))
                .build();

        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(411);
        assertThat(answer.body()).contains(PROBLEMS + "length-required");
    }

    @Test
    void anOversizedDeclaredBodyIsRefusedOnADispatcherEndpointToo() {
        Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("text", "x".repeat(20_000)))
                .post("/api/v1/dispatch/incidents/6f1c1f4e-9a51-4d1b-8e22-000000000000/notes")
                .then().statusCode(413).body("type", equalTo(PROBLEMS + "payload-too-large"));
    }

    @Test
    void aRowLockedTooLongAnswers503WithRetryAfterAndChangesNothing() throws Exception {
        String incidentId = Api.submit(Reports.at(Places.fresh())).statusCode(201).extract().path("incidentId");
        try (Connection holder = database.getConnection(); Statement sql = holder.createStatement()) {
            holder.setAutoCommit(false);
            sql.execute("SELECT 1 FROM incidents WHERE id = '" + incidentId + "' FOR UPDATE");

            long started = System.nanoTime();
            Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 0))
                    .post("/api/v1/dispatch/incidents/" + incidentId + "/acknowledge")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "service-unavailable"))
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("lock_timeout is 1 s in the test profile")
                    .isLessThan(Duration.ofSeconds(10));
            holder.rollback();
        }
        Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/incidents/" + incidentId).then()
                .statusCode(200).body("status", equalTo("NEW")).body("version", equalTo(0));
    }
}
