package vn.baochay.alarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import io.smallrye.reactive.messaging.mqtt.SendingMqttMessageMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import vn.baochay.common.JsonText;
import vn.baochay.common.OwnContext;

/**
 * The MQTT input of the receiving centre ({@link MqttAlarm} describes the messages): each message is stored and
 * acted on exactly as a DC-09 frame with the same events ({@link AlarmService}), then answered. Messages are read
 * one at a time, in the order the broker delivers them.
 */
@ApplicationScoped
public class MqttAlarmInput {

    private static final Logger LOG = Logger.getLogger(MqttAlarmInput.class);

    /** A broker that does not take an answer in this time is not waited for: the transmitter sends again. */
    private static final java.time.Duration ANSWER_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final AlarmService alarms;
    private final MutinyEmitter<String> answers;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Clock clock;
    private final Dc09TimestampWindow window;
    private final java.time.Duration storeTimeout;

    MqttAlarmInput(AlarmService alarms, @Channel("alarm-mqtt-answers") MutinyEmitter<String> answers, ObjectMapper json,
                   Vertx vertx, AlarmConfig config, Clock clock) {
        this.alarms = alarms;
        this.answers = answers;
        this.json = json;
        this.vertx = vertx;
        this.clock = clock;
        this.window = config.timestampWindow();
        this.storeTimeout = config.storeTimeout();
    }

    @Incoming("alarm-mqtt")
    CompletionStage<Void> receive(Message<byte[]> message) {
        String topic = message.getMetadata(ReceivingMqttMessageMetadata.class)
                .map(ReceivingMqttMessageMetadata::getTopic).orElse(null);
        byte[] payload = message.getPayload();
        CompletableFuture<MqttAlarm.Answer> answered = new CompletableFuture<>();
        OwnContext.run(vertx, () -> handle(topic, payload), answered::complete, failure -> {
            LOG.errorf("Could not store an MQTT alarm message on %s (answered NAK, the transmitter sends it again): %s",
                    topic, failure.toString());
            answered.complete(MqttAlarm.Answer.nak(messageIdOf(payload), "NOT_STORED", clock.instant()));
        });
        return answered.thenCompose(answer -> send(topic, answer)).thenCompose(ignored -> message.ack());
    }

    private Uni<MqttAlarm.Answer> handle(String topic, byte[] payload) {
        MqttAlarm.Read read;
        try {
            read = MqttAlarm.read(json, topic, payload, window, clock.instant());
        } catch (MqttAlarm.Refused refused) {
            LOG.warnf("MQTT alarm message on %s refused (answered %s %s): %s", topic, refused.answer.answer(),
                    refused.answer.reason(), refused.getMessage());
            return Uni.createFrom().item(refused.answer);
        }
        return alarms.transmitter(read.accountId()).chain(transmitter -> {
            if (read.isLinkTest()) {
                return alarms.linkTest(transmitter);
            }
            return alarms.accept(new AlarmService.Signal(AlarmService.Channel.MQTT, read.accountId(), read.messageId(),
                    read.event(), read.events(), read.sentAt()), transmitter);
        }).map(ignored -> MqttAlarm.Answer.ack(read.messageId(), clock.instant()))
                .ifNoItem().after(storeTimeout).fail();
    }

    private CompletionStage<Void> send(String topic, MqttAlarm.Answer answer) {
        String account = MqttAlarm.accountOf(topic).orElse(null);
        if (account == null) {
            return CompletableFuture.completedFuture(null);
        }
        Message<String> reply = Message.of(JsonText.write(json, answer), Metadata.of(
                new SendingMqttMessageMetadata(MqttAlarm.answerTopic(account), MqttQoS.AT_LEAST_ONCE, false)));
        return answers.sendMessage(reply).ifNoItem().after(ANSWER_TIMEOUT).fail()
                .subscribeAsCompletionStage().exceptionally(failure -> {
            LOG.warnf("Could not answer %s on MQTT: %s", answer.messageId(), failure.toString());
            return null;
        });
    }

    private String messageIdOf(byte[] payload) {
        try {
            var id = json.readTree(payload).get("messageId");
            return id != null && id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
