package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Places;
import vn.baochay.support.PremisesRegistry;
import vn.baochay.support.TestClock;

/** Simpler transmitters that publish JSON over MQTT (through the real broker) instead of speaking DC-09. */
@QuarkusTest
class MqttAlarmTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Inject
    Vertx vertx;

    @Inject
    TestClock clock;

    /** A transmitter's MQTT client: publishes its messages and reads the receiver's answers. */
    private final class Panel implements AutoCloseable {
        final String account;
        final MqttClient client;
        final BlockingQueue<JsonPath> answers = new LinkedBlockingQueue<>();

        Panel(String account) throws Exception {
            this.account = account;
            String host = ConfigProvider.getConfig().getValue("baochay.alarm.mqtt.host", String.class);
            int port = ConfigProvider.getConfig().getValue("baochay.alarm.mqtt.port", Integer.class);
            client = MqttClient.create(vertx, new MqttClientOptions().setClientId("panel-" + account));
            client.publishHandler(m -> answers.add(new JsonPath(m.payload().toString(StandardCharsets.UTF_8))));
            await(client.connect(port, host).toCompletionStage());
            await(client.subscribe(MqttAlarm.answerTopic(account), 1).toCompletionStage());
        }

        JsonPath send(String message) throws Exception {
            await(client.publish(MqttAlarm.TOPIC_PREFIX + account, Buffer.buffer(message, "UTF-8"),
                    MqttQoS.AT_LEAST_ONCE, false, false).toCompletionStage());
            JsonPath answer = answers.poll(SOON.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(answer).as("an answer on %s", MqttAlarm.answerTopic(account)).isNotNull();
            return answer;
        }

        @Override
        public void close() throws Exception {
            await(client.disconnect().toCompletionStage());
        }

        private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
            return stage.toCompletableFuture().get(SOON.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void anMqttFireAlarmIsAnsweredAckAndReachesTheConsole() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             Panel panel = new Panel(premises.getString("accountId"))) {
            console.await(LiveClient.type("snapshot"), SOON);

            JsonPath answer = panel.send(message("m-1", "ADM-CID", "1110 01 007", clock.instant()));

            assertThat(answer.getString("messageId")).isEqualTo("m-1");
            assertThat(answer.getString("answer")).isEqualTo("ACK");
            JsonPath opened = console.await(m -> "IncidentOpened".equals(m.getString("eventType"))
                    && premises.getString("id").equals(m.getString("incident.premises.id")), SOON);
            assertThat(opened.getString("incident.source")).isEqualTo("ALARM_DEVICE");
            assertThat(opened.getString("incident.premises.zone")).isEqualTo("007");
        }
    }

    @Test
    void anMqttMessageSentAgainIsAcknowledgedAndOpensNothingTwice() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        try (Panel panel = new Panel(premises.getString("accountId"))) {
            String message = message("again-7", "SIA-DCS", "Nri1/FA002", null);
            assertThat(panel.send(message).getString("answer")).isEqualTo("ACK");
            assertThat(panel.send(message).getString("answer")).isEqualTo("ACK");
        }

        List<String> open = PremisesRegistry.openIncidentIds(premises);
        assertThat(open).hasSize(1);
        assertThat(Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/incidents/" + open.get(0))
                .then().statusCode(200).extract().jsonPath().getInt("reportCount")).isEqualTo(1);
    }

    @Test
    void anMqttLinkTestAndFaultShowOnTheDeviceBoard() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        try (Panel panel = new Panel(premises.getString("accountId"))) {
            assertThat(panel.send("{\"messageId\":\"t1\",\"format\":\"NULL\"}").getString("answer")).isEqualTo("ACK");
            assertThat(boardState(premises)).isEqualTo("NORMAL");

            assertThat(panel.send(message("t2", "ADM-CID", "1301 00 000", null)).getString("answer")).isEqualTo("ACK");
            assertThat(boardState(premises)).isEqualTo("FAULT");
        }
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
    }

    @Test
    void anMqttMessageWithAClockOutOfTheWindowIsAnsweredNakWithTheReceiversTime() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        try (Panel panel = new Panel(premises.getString("accountId"))) {
            JsonPath answer = panel.send(message("late", "ADM-CID", "1110 01 001",
                    clock.instant().minus(Duration.ofMinutes(5))));

            assertThat(answer.getString("answer")).isEqualTo("NAK");
            assertThat(answer.getString("reason")).isEqualTo("TIMESTAMP_OUT_OF_WINDOW");
            assertThat(Duration.between(Instant.parse(answer.getString("receiverTime")), clock.instant()).abs())
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
    }

    @Test
    void anMqttMessageTheReceiverCannotReadIsAnsweredDuhAndChangesNothing() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        try (Panel panel = new Panel(premises.getString("accountId"))) {
            JsonPath notJson = panel.send("cháy!");
            assertThat(notJson.getString("answer")).isEqualTo("DUH");
            assertThat(notJson.getString("reason")).isEqualTo("MALFORMED");

            JsonPath badEvent = panel.send(message("b2", "ADM-CID", "fire on floor 3", null));
            assertThat(badEvent.getString("messageId")).isEqualTo("b2");
            assertThat(badEvent.getString("answer")).isEqualTo("DUH");
            assertThat(badEvent.getString("reason")).isEqualTo("UNREADABLE_EVENT");

            JsonPath badFormat = panel.send(message("b3", "XML", "1110 01 001", null));
            assertThat(badFormat.getString("reason")).isEqualTo("UNSUPPORTED_FORMAT");
        }
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
        assertThat(boardState(premises)).isEqualTo("UNKNOWN");
    }

    private static String message(String id, String format, String event, Instant sentAt) {
        return "{\"messageId\":\"" + id + "\",\"format\":\"" + format + "\",\"event\":\"" + event + "\""
                + (sentAt == null ? "" : ",\"sentAt\":\"" + sentAt + "\"") + "}";
    }

    private static String boardState(JsonPath premises) {
        return PremisesRegistry.boardEntry(premises, "?state=ALL").getString("state");
    }
}
