package vn.baochay.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FakeFcm;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.Reporter;

/** A reporter and the dispatchers of their report write to each other; consoles see it live, the phone by push. */
@QuarkusTest
class ConversationTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";
    private static final String QUICK_REPLY = "Vui lòng gửi thêm ảnh";

    private static Response write(Reporter reporter, String clientMessageId, String text) {
        return reporter.request().contentType("application/json")
                .body(Map.of("clientMessageId", clientMessageId, "text", text))
                .post("/api/v1/reports/" + reporter.reportId() + "/messages");
    }

    private static Response reply(String dispatcher, String incidentId, String reportId, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        body.put("reportId", reportId);
        return Dispatchers.as(dispatcher).body(body).post("/api/v1/dispatch/incidents/" + incidentId + "/messages");
    }

    @Test
    void aReportersMessageReachesEveryConsoleLiveAndCountsAsUnreadUntilADispatcherReads() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        try (LiveClient console = LiveClient.connect(Dispatchers.SUPERVISOR, null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(5));
            write(reporter, UUID.randomUUID().toString(), "Cháy lan sang nhà bên cạnh\nCó người mắc kẹt tầng 2")
                    .then().statusCode(201).body("from", equalTo("REPORTER"));

            JsonPath event = console.await(LiveClient.event("MessageSent", reporter.incidentId()), Duration.ofSeconds(1));
            assertThat(event.getInt("incident.unreadMessages")).isEqualTo(1);
        }
        JsonPath detail = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("messages[0].text")).isEqualTo("Cháy lan sang nhà bên cạnh\nCó người mắc kẹt tầng 2");
        assertThat(detail.getString("messages[0].reportId")).isEqualTo(reporter.reportId());
        assertThat(detail.getInt("unreadMessages")).isEqualTo(1);
        assertThat(detail.getList("timeline.type")).contains("MessageSent");

        Dispatchers.as(Dispatchers.DIEN_BIEN).post("/api/v1/dispatch/incidents/" + reporter.incidentId() + "/messages/read")
                .then().statusCode(204);
        Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().body("unreadMessages", equalTo(0));
    }

    @Test
    void aDispatchersQuickReplyReachesThePhoneByPushAndThenItsConversation() throws Exception {
        Phone phone = Phone.registered("vi");
        Reporter reporter = phone.report(Places.inDienBien());

        reply(Dispatchers.DIEN_BIEN, reporter.incidentId(), reporter.reportId(), QUICK_REPLY).then().statusCode(201)
                .body("from", equalTo("DISPATCHER")).body("author", equalTo(Dispatchers.DIEN_BIEN));

        var push = FakeFcm.instance().await(phone.fcmToken(), 1, Duration.ofSeconds(10)).get(0).message();
        assertThat(push.path("data").path("kind").asText()).isEqualTo("MESSAGE");
        assertThat(push.path("notification").path("title").asText()).isEqualTo("Tin nhắn từ Trung tâm 114");
        assertThat(push.toString()).doesNotContain(QUICK_REPLY).doesNotContain(Dispatchers.DIEN_BIEN);

        JsonPath conversation = reporter.request().get("/api/v1/reports/" + reporter.reportId() + "/messages")
                .then().statusCode(200).extract().jsonPath();
        assertThat(conversation.getString("messages[0].text")).isEqualTo(QUICK_REPLY);
        assertThat(conversation.getString("messages[0].from")).isEqualTo("DISPATCHER");
        assertThat(conversation.prettify()).doesNotContain(Dispatchers.DIEN_BIEN);
    }

    @Test
    void aMessageToAllReachesEveryReporterAndOneToAReporterOnlyThatOne() {
        double[] fire = Places.inDienBien();
        Reporter first = Reporter.at(fire);
        Reporter second = Reporter.at(Places.east(fire, 40));
        assertThat(second.incidentId()).isEqualTo(first.incidentId());

        reply(Dispatchers.DIEN_BIEN, first.incidentId(), null, "Hãy rời khỏi khu vực cháy ngay").then().statusCode(201);
        reply(Dispatchers.DIEN_BIEN, first.incidentId(), first.reportId(), "Anh có thấy người bị thương không?")
                .then().statusCode(201);

        first.request().get("/api/v1/reports/" + first.reportId() + "/messages").then().body("messages", hasSize(2));
        second.request().get("/api/v1/reports/" + second.reportId() + "/messages").then().body("messages", hasSize(1))
                .body("messages[0].text", equalTo("Hãy rời khỏi khu vực cháy ngay"));
    }

    @Test
    void pollingTheConversationIsCheapWhenNothingIsNew() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        write(reporter, UUID.randomUUID().toString(), "Xin gửi thêm thông tin").then().statusCode(201);
        Response first = reporter.request().get("/api/v1/reports/" + reporter.reportId() + "/messages");
        String etag = first.header("ETag");
        assertThat(first.jsonPath().getLong("lastSeq")).isPositive();

        reporter.request().header("If-None-Match", etag).get("/api/v1/reports/" + reporter.reportId() + "/messages")
                .then().statusCode(304);
        reply(Dispatchers.DIEN_BIEN, reporter.incidentId(), reporter.reportId(), "Đã nhận").then().statusCode(201);
        reporter.request().header("If-None-Match", etag).get("/api/v1/reports/" + reporter.reportId() + "/messages")
                .then().statusCode(200).body("messages", hasSize(2));
        long after = first.jsonPath().getLong("lastSeq");
        reporter.request().queryParam("after", after).get("/api/v1/reports/" + reporter.reportId() + "/messages")
                .then().statusCode(200).body("messages", hasSize(1)).body("messages[0].text", equalTo("Đã nhận"));
    }

    @Test
    void aRetryIsTheSameMessageAndAReusedIdWithOtherTextIsRefused() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String id = UUID.randomUUID().toString();
        String answer = write(reporter, id, "Khói rất dày").then().statusCode(201).extract().asString();

        assertThat(write(reporter, id, "Khói rất dày").then().statusCode(200).extract().asString()).isEqualTo(answer);
        write(reporter, id, "Lửa to hơn").then().statusCode(409).body("type", equalTo(PROBLEMS + "idempotency-conflict"));
        reporter.request().get("/api/v1/reports/" + reporter.reportId() + "/messages").then().body("messages", hasSize(1));
    }

    @ParameterizedTest(name = "text with U+{0}")
    @ValueSource(strings = {"202E", "2066", "0000", "0007", "202A"})
    void textWithControlOrBidiOverrideCharactersIsRefusedAndStoresNothing(String codePoint) {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String spoof = "Cháy tại chợ " + (char) Integer.parseInt(codePoint, 16) + "gnol nahT";

        write(reporter, UUID.randomUUID().toString(), spoof).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        reply(Dispatchers.DIEN_BIEN, reporter.incidentId(), null, spoof).then().statusCode(400);
        reporter.request().get("/api/v1/reports/" + reporter.reportId() + "/messages").then().body("messages", hasSize(0));
    }

    @Test
    void aWrongOrMissingTokenAndAnotherProvincesDispatcherAreRefused() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        Reporter stranger = new Reporter(reporter.reportId(), reporter.incidentId(), Reporter.at(Places.inDienBien()).token());

        write(stranger, UUID.randomUUID().toString(), "Giả mạo").then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
        new Reporter(reporter.reportId(), reporter.incidentId(), "").request()
                .get("/api/v1/reports/" + reporter.reportId() + "/messages").then().statusCode(401);
        reply(Dispatchers.LAO_CAI, reporter.incidentId(), null, "Xin chào").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "out-of-jurisdiction"));
        reply(Dispatchers.DIEN_BIEN, reporter.incidentId(), Reporter.at(Places.inLaoCai()).reportId(), "Nhầm báo cáo")
                .then().statusCode(400);

        reporter.request().get("/api/v1/reports/" + reporter.reportId() + "/messages").then().body("messages", hasSize(0));
    }
}
