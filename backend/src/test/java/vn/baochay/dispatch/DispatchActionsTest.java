package vn.baochay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

@QuarkusTest
class DispatchActionsTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    @Inject
    AgroalDataSource database;

    private static String reportAt(double[] point) {
        return Api.submit(Reports.at(point)).statusCode(201).extract().path("incidentId");
    }

    private static JsonPath detail(String user, String incidentId) {
        return Dispatchers.as(user).get("/api/v1/dispatch/incidents/" + incidentId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Response post(String user, String incidentId, String action, Map<String, ?> body) {
        return Dispatchers.as(user).body(body).post("/api/v1/dispatch/incidents/" + incidentId + "/" + action);
    }

    @Test
    void incidentTakesItsProvinceFromItsPosition() {
        String incidentId = reportAt(Places.inDienBien());

        JsonPath incident = detail(Dispatchers.DIEN_BIEN, incidentId);

        assertThat(incident.getString("province")).isEqualTo("Điện Biên");
        assertThat(incident.getString("status")).isEqualTo("NEW");
        assertThat(incident.getList("recommendedStations.id", String.class)).first().asString().startsWith("dien-bien");
        assertThat(incident.getList("recommendedStations[0].units")).isNotEmpty();
    }

    @Test
    void dispatcherSeesReportersContactsThatCitizensDoNot() {
        var report = Reports.with(Reports.with(Reports.at(Places.inDienBien()), "reporter.phone", "+84 912 000 114"),
                "reporter.name", "Lò Văn Pọm");
        String incidentId = Api.submit(report).statusCode(201).extract().path("incidentId");

        JsonPath incident = detail(Dispatchers.DIEN_BIEN, incidentId);

        assertThat(incident.getString("reports[0].reporter.phone")).isEqualTo("+84 912 000 114");
        assertThat(incident.getString("reports[0].reporter.name")).isEqualTo("Lò Văn Pọm");
    }

    @Test
    void dispatcherCannotReadOrActOutsideTheirProvinces() {
        String incidentId = reportAt(Places.inDienBien());

        Dispatchers.as(Dispatchers.LAO_CAI).get("/api/v1/dispatch/incidents/" + incidentId)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "out-of-jurisdiction"));
        post(Dispatchers.LAO_CAI, incidentId, "acknowledge", Map.of("version", 0))
                .then().statusCode(403).body("type", equalTo(PROBLEMS + "out-of-jurisdiction"));
        Dispatchers.as(Dispatchers.LAO_CAI).queryParam("size", 200).get("/api/v1/dispatch/incidents")
                .then().statusCode(200).body("items.id", not(hasItem(incidentId)))
                .body("items.province", everyItem(org.hamcrest.Matchers.oneOf("Lào Cai", "Tuyên Quang")));

        // Nothing changed, and the right dispatcher and a supervisor still see it as it was.
        assertThat(detail(Dispatchers.DIEN_BIEN, incidentId).getString("status")).isEqualTo("NEW");
        assertThat(detail(Dispatchers.SUPERVISOR, incidentId).getString("status")).isEqualTo("NEW");
    }

    @Test
    void fireIsWorkedFromFirstReportToClose() throws Exception {
        String incidentId = reportAt(Places.inDienBien());
        JsonPath seen = detail(Dispatchers.DIEN_BIEN, incidentId);
        String unitId = seen.getString("recommendedStations[0].units.find { it.status == 'AVAILABLE' }.id");

        JsonPath acknowledged = post(Dispatchers.DIEN_BIEN, incidentId, "acknowledge", Map.of("version", 0))
                .then().statusCode(200).extract().jsonPath();
        assertThat(acknowledged.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo(Dispatchers.DIEN_BIEN);

        JsonPath dispatched = post(Dispatchers.DIEN_BIEN, incidentId, "dispatch",
                Map.of("version", acknowledged.getLong("version"), "unitIds", List.of(unitId)))
                .then().statusCode(200).extract().jsonPath();
        assertThat(dispatched.getString("status")).isEqualTo("DISPATCHED");
        assertThat(dispatched.getList("assignments.unitId")).containsExactly(unitId);

        long version = dispatched.getLong("version");
        for (String status : List.of("ON_SCENE", "CONTROLLED", "CLOSED")) {
            version = post(Dispatchers.DIEN_BIEN, incidentId, "status", Map.of("version", version, "status", status))
                    .then().statusCode(200).body("status", equalTo(status)).extract().jsonPath().getLong("version");
        }

        JsonPath closed = detail(Dispatchers.DIEN_BIEN, incidentId);
        assertThat(closed.getList("timeline.type", String.class)).containsSubsequence("IncidentOpened",
                "IncidentAcknowledged", "UnitsDispatched", "IncidentStatusChanged", "IncidentStatusChanged",
                "IncidentStatusChanged", "UnitStatusChanged");
        // The timeline is data for the console to word: what changed, never English sentences.
        assertThat(closed.getInt("timeline[0].reportCount")).isEqualTo(1);
        assertThat(closed.getString("timeline.find { it.type == 'IncidentAcknowledged' }.actor"))
                .isEqualTo(Dispatchers.DIEN_BIEN);
        assertThat(closed.getList("timeline.find { it.type == 'UnitsDispatched' }.units", String.class))
                .containsExactly(dispatched.getString("assignments[0].callsign"));
        assertThat(closed.getList("timeline.findAll { it.type == 'IncidentStatusChanged' }.to", String.class))
                .containsExactly("ON_SCENE", "CONTROLLED", "CLOSED");
        assertThat(closed.getList("timeline.findAll { it.type == 'IncidentStatusChanged' }.from", String.class))
                .containsExactly("DISPATCHED", "ON_SCENE", "CONTROLLED");
        assertThat(closed.getString("timeline.find { it.type == 'UnitStatusChanged' }.unit.status"))
                .isEqualTo("RETURNING");
        assertThat(closed.getList("timeline").toString()).doesNotContain("reports: ", "merged into", "took in");
        assertThat(closed.getString("assignments[0].releasedAt")).isNotNull();
        Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/units").then().statusCode(200)
                .body("find { it.id == '" + unitId + "' }.status", equalTo("RETURNING"))
                .body("find { it.id == '" + unitId + "' }.incidentId", org.hamcrest.Matchers.nullValue());

        // Every action is in the audit log with who did it and from where.
        List<String> actions = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT action, actor, remote_addr FROM audit_log WHERE incident_id = ? ORDER BY id")) {
            q.setObject(1, UUID.fromString(incidentId));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                    assertThat(rs.getString(2)).isEqualTo(Dispatchers.DIEN_BIEN);
                    assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
                }
            }
        }
        assertThat(actions).containsExactly("ACKNOWLEDGE", "DISPATCH_UNITS", "CHANGE_STATUS", "CHANGE_STATUS",
                "CHANGE_STATUS");

        // The unit comes back and can go out again.
        Dispatchers.as(Dispatchers.DIEN_BIEN).body(Map.of("status", "AVAILABLE"))
                .post("/api/v1/dispatch/units/" + unitId + "/status")
                .then().statusCode(200).body("status", equalTo("AVAILABLE"));
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        String incidentId = reportAt(Places.inDienBien());

        post(Dispatchers.DIEN_BIEN, incidentId, "status", Map.of("version", 0, "status", "ON_SCENE"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "illegal-transition"))
                .body("detail", containsString("NEW cannot become ON_SCENE"));
        post(Dispatchers.DIEN_BIEN, incidentId, "status", Map.of("version", 0, "status", "CLOSED"))
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "illegal-transition"));

        JsonPath unchanged = detail(Dispatchers.DIEN_BIEN, incidentId);
        assertThat(unchanged.getString("status")).isEqualTo("NEW");
        assertThat(unchanged.getLong("version")).isZero();
    }

    @Test
    void falseAlarmCanBeReopenedOnlyByASupervisor() {
        String incidentId = reportAt(Places.inDienBien());
        long version = post(Dispatchers.DIEN_BIEN, incidentId, "status",
                Map.of("version", 0, "status", "FALSE_ALARM", "reason", "đốt rơm rạ"))
                .then().statusCode(200).body("status", equalTo("FALSE_ALARM")).extract().jsonPath().getLong("version");

        post(Dispatchers.DIEN_BIEN, incidentId, "status", Map.of("version", version, "status", "ACKNOWLEDGED"))
                .then().statusCode(409).body("detail", containsString("Only a supervisor"));
        post(Dispatchers.SUPERVISOR, incidentId, "status", Map.of("version", version, "status", "ACKNOWLEDGED"))
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void twoDispatchersAcknowledgingAtOnceOneWinsAndTheOtherIsToldWho() {
        for (int round = 0; round < 5; round++) {
            String incidentId = reportAt(Places.inDienBien());
            String dienBien = Dispatchers.token(Dispatchers.DIEN_BIEN);
            String supervisor = Dispatchers.token(Dispatchers.SUPERVISOR);

            var a = CompletableFuture.supplyAsync(() -> Dispatchers.withToken(dienBien).body(Map.of("version", 0))
                    .post("/api/v1/dispatch/incidents/" + incidentId + "/acknowledge"));
            var b = CompletableFuture.supplyAsync(() -> Dispatchers.withToken(supervisor).body(Map.of("version", 0))
                    .post("/api/v1/dispatch/incidents/" + incidentId + "/acknowledge"));
            List<Response> answers = List.of(a.join(), b.join());

            assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
            Response loser = answers.stream().filter(r -> r.statusCode() != 200).findFirst().orElseThrow();
            Response winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            assertThat(loser.statusCode()).isEqualTo(409);
            assertThat(loser.jsonPath().getString("type")).isEqualTo(PROBLEMS + "already-acknowledged");
            assertThat(loser.jsonPath().getString("detail")).contains(winner.jsonPath().getString("acknowledgedBy"));
        }
    }

    @Test
    void staleViewIsRefusedWithWhoChangedItButNewReportsDoNotMakeItStale() {
        double[] fire = Places.inDienBien();
        String incidentId = reportAt(fire);
        // More citizens report the same fire: the dispatcher's view (version 0) is still current.
        Api.submit(Reports.at(fire)).statusCode(201).body("incidentId", equalTo(incidentId));
        post(Dispatchers.DIEN_BIEN, incidentId, "acknowledge", Map.of("version", 0)).then().statusCode(200);

        // The supervisor, still looking at version 0, tries to mark it a false alarm.
        post(Dispatchers.SUPERVISOR, incidentId, "status", Map.of("version", 0, "status", "FALSE_ALARM"))
                .then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "stale-version"))
                .body("detail", containsString(Dispatchers.DIEN_BIEN));
        assertThat(detail(Dispatchers.SUPERVISOR, incidentId).getString("status")).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void unitAlreadyOutCannotBeSentTwice() {
        String first = reportAt(Places.inDienBien());
        String second = reportAt(Places.inDienBien());
        String unitId = detail(Dispatchers.DIEN_BIEN, first)
                .getString("recommendedStations[0].units.find { it.status == 'AVAILABLE' }.id");
        post(Dispatchers.DIEN_BIEN, first, "dispatch", Map.of("version", 0, "unitIds", List.of(unitId)))
                .then().statusCode(200);

        post(Dispatchers.DIEN_BIEN, second, "dispatch", Map.of("version", 0, "unitIds", List.of(unitId)))
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "unit-unavailable"))
                .body("detail", containsString("on another incident"))
                // the refusal names no other incident: it may lie outside the dispatcher's provinces
                .body("detail", org.hamcrest.Matchers.not(containsString(first)));
        assertThat(detail(Dispatchers.DIEN_BIEN, second).getString("status")).isEqualTo("NEW");
        assertThat(detail(Dispatchers.DIEN_BIEN, second).getList("assignments")).isEmpty();
    }

    @Test
    void notesAreKeptAsWrittenAndMergeMovesReportsAndUnits() {
        String kept = reportAt(Places.inDienBien());
        String duplicate = reportAt(Places.inDienBien());
        post(Dispatchers.DIEN_BIEN, duplicate, "notes", Map.of("text", "<b>Cùng đám cháy</b> với vụ kia"))
                .then().statusCode(200).body("notes[0].text", equalTo("<b>Cùng đám cháy</b> với vụ kia"))
                .body("notes[0].author", equalTo(Dispatchers.DIEN_BIEN));
        JsonPath before = detail(Dispatchers.DIEN_BIEN, duplicate);
        String unitId = before.getString("recommendedStations.units.flatten().find { it.status == 'AVAILABLE' }.id");
        long version = post(Dispatchers.DIEN_BIEN, duplicate, "dispatch",
                Map.of("version", before.getLong("version"), "unitIds", List.of(unitId)))
                .then().statusCode(200).extract().jsonPath().getLong("version");

        JsonPath target = post(Dispatchers.DIEN_BIEN, duplicate, "merge",
                Map.of("version", version, "intoIncidentId", kept))
                .then().statusCode(200).body("id", equalTo(kept)).body("reportCount", equalTo(2))
                .extract().jsonPath();

        // The unit on its way to the duplicate now serves the incident it was merged into.
        assertThat(target.getList("assignments.unitId")).containsExactly(unitId);
        assertThat(target.getString("assignments[0].releasedAt")).isNull();
        Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/units").then().statusCode(200)
                .body("find { it.id == '" + unitId + "' }.incidentId", equalTo(kept))
                .body("find { it.id == '" + unitId + "' }.status", equalTo("DISPATCHED"));
        assertThat(target.getList("timeline.type", String.class)).contains("IncidentAbsorbed");
        assertThat(target.getString("timeline.find { it.type == 'IncidentAbsorbed' }.otherIncidentId"))
                .isEqualTo(duplicate);

        JsonPath merged = detail(Dispatchers.DIEN_BIEN, duplicate);
        assertThat(merged.getString("status")).isEqualTo("MERGED");
        assertThat(merged.getString("mergedInto")).isEqualTo(kept);
        post(Dispatchers.DIEN_BIEN, duplicate, "acknowledge", Map.of("version", merged.getLong("version")))
                .then().statusCode(409);
    }

    @Test
    void statusCannotBeSetToMergedSoAnIncidentIsNeverMergedIntoNothing() {
        String incidentId = reportAt(Places.inDienBien());

        post(Dispatchers.SUPERVISOR, incidentId, "status", Map.of("version", 0, "status", "MERGED"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "illegal-transition"))
                .body("detail", containsString("merge"));

        JsonPath unchanged = detail(Dispatchers.SUPERVISOR, incidentId);
        assertThat(unchanged.getString("status")).isEqualTo("NEW");
        assertThat(unchanged.getString("mergedInto")).isNull();
        assertThat(unchanged.getLong("version")).isZero();
    }

    @Test
    void badActionRequestsAreProblems() {
        String incidentId = reportAt(Places.inDienBien());
        post(Dispatchers.DIEN_BIEN, incidentId, "status", Map.of("version", 0, "status", "BURNING"))
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors[0].field", equalTo("status"));
        post(Dispatchers.DIEN_BIEN, incidentId, "dispatch", Map.of("version", 0, "unitIds", List.of()))
                .then().statusCode(400).body("errors[0].field", equalTo("unitIds"));
        post(Dispatchers.DIEN_BIEN, "not-a-uuid", "acknowledge", Map.of("version", 0))
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        post(Dispatchers.DIEN_BIEN, UUID.randomUUID().toString(), "acknowledge", Map.of("version", 0))
                .then().statusCode(404).body("type", equalTo(PROBLEMS + "not-found"));
        Dispatchers.as(Dispatchers.DIEN_BIEN).queryParam("status", "SMOULDERING").get("/api/v1/dispatch/incidents")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}
