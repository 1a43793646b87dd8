package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;
import vn.baochay.support.TestClock;

@QuarkusTest
class IncidentMergeTest {

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper json;

    /** Sends, and on 503 sends the same request again after its Retry-After (capped at 2 s here). */
    private static CompletableFuture<HttpResponse<String>> sendRetrying(HttpClient http, HttpRequest request,
                                                                       int attempts) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(answer -> {
            if (answer.statusCode() != 503 || attempts <= 1) {
                return CompletableFuture.completedFuture(answer);
            }
            long wait = Math.min(2, Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.SECONDS))
                    .thenCompose(ignored -> sendRetrying(http, request, attempts - 1));
        });
    }

    @Test
    void concurrentReportsOfOneFireOpenOneIncident() throws Exception {
        double[] market = Places.fresh();
        int reporters = 200;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI reports = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/reports");

        // Everyone around the market reports at once, from up to ~100 m away; a phone told 503 sends
        // the same report again after Retry-After, as the app does.
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, reporters)
                .mapToObj(i -> {
                    double[] spot = Places.east(Places.north(market, (i % 20) * 5 - 50), (i / 20) * 10 - 50);
                    HttpRequest request = HttpRequest.newBuilder(reports)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(write(Reports.at(spot)))).build();
                    return sendRetrying(http, request, 5);
                })
                .toList();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();

        List<JsonPath> accepted = answers.stream().map(CompletableFuture::join)
                .peek(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201))
                .map(r -> JsonPath.from(r.body()))
                .toList();
        assertThat(accepted.stream().map(a -> a.getString("incidentId")).distinct()).hasSize(1);
        assertThat(accepted.stream().map(a -> a.getString("reportId")).distinct()).hasSize(reporters);
        // Each acceptance saw the incident one report larger: 1, 2, ..., 200, each exactly once.
        assertThat(accepted.stream().map(a -> a.getInt("reportCount")).sorted())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, reporters).boxed().toList());
        assertThat(accepted.stream().filter(a -> !a.getBoolean("joinedExistingIncident"))).hasSize(1);

        Api.incident(accepted.get(0).getString("incidentId")).statusCode(200)
                .body("reportCount", equalTo(reporters));
        vn.baochay.support.Dispatchers.as(vn.baochay.support.Dispatchers.SUPERVISOR)
                .get("/api/v1/dispatch/incidents/" + accepted.get(0).getString("incidentId"))
                .then().statusCode(200).body("reports", hasSize(reporters));
    }

    @Test
    void twoFiresTwoKilometresApartOpenTwoIncidents() {
        double[] first = Places.fresh();
        double[] second = Places.north(first, 2_000);

        String a = Api.submit(Reports.at(first)).statusCode(201).extract().path("incidentId");
        String b = Api.submit(Reports.at(second)).statusCode(201).extract().path("incidentId");

        assertThat(a).isNotEqualTo(b);
        Api.incident(a).body("reportCount", equalTo(1));
        Api.incident(b).body("reportCount", equalTo(1));
    }

    @Test
    void reportWithinTheRadiusJoinsAndIsCounted() {
        double[] fire = Places.fresh();
        String opened = Api.submit(Reports.at(fire)).statusCode(201).extract().path("incidentId");

        Api.submit(Reports.at(Places.east(fire, 250))).statusCode(201)
                .body("incidentId", equalTo(opened))
                .body("joinedExistingIncident", equalTo(true))
                .body("reportCount", equalTo(2));
    }

    @Test
    void vagueReportIsMatchedWithinItsAccuracyButNotBeyondTheCap() {
        double[] fire = Places.fresh();
        String opened = Api.submit(Reports.at(fire)).statusCode(201).extract().path("incidentId");

        // 600 m away but "±400 m": the radius widens to 700 m, so it is the same fire.
        Api.submit(Reports.with(Reports.at(Places.north(fire, 600)), "location.accuracyM", 400))
                .statusCode(201).body("incidentId", equalTo(opened));
        // 1.5 km away with "±5 km": the radius stops at the 1 km cap, so it is another fire.
        Api.submit(Reports.with(Reports.at(Places.east(fire, 1_500)), "location.accuracyM", 5_000))
                .statusCode(201).body("joinedExistingIncident", equalTo(false));
    }

    @Test
    void fireThirtyOneMinutesAfterTheLastReportOpensANewIncident() {
        double[] fire = Places.fresh();
        String first = Api.submit(Reports.at(fire)).statusCode(201).extract().path("incidentId");

        clock.advance(Duration.ofMinutes(29));
        Api.submit(Reports.at(fire)).statusCode(201).body("incidentId", equalTo(first));

        // The window counts from the last report, not the first: 29 + 31 minutes later is new.
        clock.advance(Duration.ofMinutes(31));
        String later = Api.submit(Reports.at(fire)).statusCode(201)
                .body("joinedExistingIncident", equalTo(false)).extract().path("incidentId");

        assertThat(later).isNotEqualTo(first);
        Api.incident(first).body("reportCount", equalTo(2));
    }

    @Test
    void differentKindsAtOnePlaceAreDifferentIncidents() {
        double[] place = Places.fresh();
        String fire = Api.submit(Reports.at(place)).statusCode(201).extract().path("incidentId");

        Api.submit(Reports.with(Reports.at(place), "kind", "RESCUE")).statusCode(201)
                .body("incidentId", org.hamcrest.Matchers.not(equalTo(fire)));
    }

    @Test
    void incidentKeepsFirstAndLastReportTimeAndMovesTowardsAccurateReports() {
        double[] fire = Places.fresh();
        String id = Api.submit(Reports.with(Reports.at(fire), "location.accuracyM", 200))
                .statusCode(201).extract().path("incidentId");
        clock.advance(Duration.ofMinutes(3));
        double[] precise = Places.north(fire, 150);
        Api.submit(Reports.with(Reports.at(precise), "location.accuracyM", 10)).statusCode(201);

        // The precise, refined position is for dispatchers; citizens see it rounded.
        JsonPath incident = vn.baochay.support.Dispatchers.as(vn.baochay.support.Dispatchers.SUPERVISOR)
                .get("/api/v1/dispatch/incidents/" + id).then().statusCode(200).extract().jsonPath();

        double lat = incident.getDouble("location.lat");
        // Weights 1/200² and 1/10²: the refined position lies within 1 m of the precise report.
        assertThat(lat).isCloseTo(precise[0], org.assertj.core.data.Offset.offset(1.0 / 111_195));
        assertThat(java.time.Instant.parse(incident.getString("lastReportAt")))
                .isAfter(java.time.Instant.parse(incident.getString("firstReportAt")).plusSeconds(170));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = IncidentStatus.class, names = {"CLOSED", "FALSE_ALARM", "MERGED"})
    void reportNextToAnEndedIncidentOpensANewOne(IncidentStatus ended) {
        double[] fire = Places.inDienBien();
        String first = Api.submit(Reports.at(fire)).statusCode(201).extract().path("incidentId");
        end(first, ended);

        Api.submit(Reports.at(Places.east(fire, 20))).statusCode(201)
                .body("joinedExistingIncident", equalTo(false))
                .body("incidentId", org.hamcrest.Matchers.not(equalTo(first)));
        Api.incident(first).body("reportCount", equalTo(1)).body("status", equalTo(ended.name()));
    }

    /** Ends the incident the way a supervisor would: worked to a close, declared a false alarm, or merged. */
    private static void end(String incidentId, IncidentStatus how) {
        String path = "/api/v1/dispatch/incidents/" + incidentId;
        switch (how) {
            case FALSE_ALARM -> Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 0, "status", "FALSE_ALARM"))
                    .post(path + "/status").then().statusCode(200);
            case MERGED -> {
                // Into an incident 2 km away, beyond any merge radius of the next report.
                String other = Api.submit(Reports.at(Places.north(Places.inDienBien(), 2_000))).statusCode(201)
                        .extract().path("incidentId");
                Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", 0, "intoIncidentId", other))
                        .post(path + "/merge").then().statusCode(200);
            }
            default -> {
                long version = 0;
                for (String status : List.of("ACKNOWLEDGED", "DISPATCHED", "ON_SCENE", "CONTROLLED", "CLOSED")) {
                    version = Dispatchers.as(Dispatchers.SUPERVISOR).body(Map.of("version", version, "status", status))
                            .post(path + "/status").then().statusCode(200).extract().jsonPath().getLong("version");
                }
            }
        }
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
