package vn.baochay.alarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JSON alarm messages of simpler (often 4G) transmitters that publish over MQTT instead of speaking DC-09,
 * and the receiver's answers. They carry the same events as DC-09 frames, so they mean the same.
 *
 * <p>A transmitter publishes, QoS 1, to {@code baochay/alarms/<account>}:
 * <pre>{"messageId": "42", "format": "ADM-CID", "event": "1110 01 015", "sentAt": "2026-12-02T08:00:00Z"}</pre>
 * {@code format} is {@code ADM-CID} (a Contact ID event), {@code SIA-DCS} (SIA DCS events such as
 * {@code Nri1/FA015}) or {@code NULL} (a link test, no event). {@code messageId} (1 to 32 letters, digits,
 * {@code -} or {@code _}) is what a message sent again repeats. {@code sentAt} is optional; when present it must lie
 * in the same window as a DC-09 timestamp. The account comes from the topic, never from the message, so that the
 * broker's per-device topic permissions decide who may speak for an account.
 *
 * <p>The receiver answers on {@code baochay/alarms/<account>/answers}: {@code ACK} once the message is stored
 * (the transmitter may forget it), {@code NAK} (send it again: not stored, or a clock out of the window, with the
 * receiver's time), or {@code DUH} (not understood: sending it again will not help).
 */
public final class MqttAlarm {

    /** The topic prefix transmitters publish under; one more level names the account. */
    public static final String TOPIC_PREFIX = "baochay/alarms/";

    private static final Pattern ACCOUNT = Pattern.compile("[0-9A-Fa-f]{3,16}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    private static final List<String> FORMATS = List.of(Dc09Frame.ADM_CID, Dc09Frame.SIA_DCS, Dc09Frame.NULL);

    /** A message as read: which account, which message, and its events (none for a link test). */
    record Read(String accountId, String messageId, String format, String event, Instant sentAt,
                List<AlarmEvent> events) {

        boolean isLinkTest() {
            return Dc09Frame.NULL.equals(format);
        }
    }

    /** The receiver's answer to one message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String messageId, String answer, String reason, Instant receiverTime) {

        static Answer ack(String messageId, Instant now) {
            return new Answer(messageId, "ACK", null, now);
        }

        static Answer nak(String messageId, String reason, Instant now) {
            return new Answer(messageId, "NAK", reason, now);
        }

        static Answer duh(String messageId, String reason, Instant now) {
            return new Answer(messageId, "DUH", reason, now);
        }
    }

    /** Why a message was not taken; the answer says whether sending it again can help. */
    static final class Refused extends Exception {
        final transient Answer answer;

        Refused(Answer answer, String detail) {
            super(detail, null, false, false);
            this.answer = answer;
        }
    }

    private MqttAlarm() {
    }

    /** The account a topic names, or empty when the topic is not one transmitters publish to. */
    static Optional<String> accountOf(String topic) {
        if (topic == null || !topic.startsWith(TOPIC_PREFIX)) {
            return Optional.empty();
        }
        String account = topic.substring(TOPIC_PREFIX.length());
        return ACCOUNT.matcher(account).matches() ? Optional.of(account.toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** Where the answers for an account go. */
    static String answerTopic(String accountId) {
        return TOPIC_PREFIX + accountId + "/answers";
    }

    /**
     * Reads a message published on {@code topic}; {@code window} is the DC-09 timestamp window applied to
     * {@code sentAt}.
     *
     * @throws Refused with the answer to send when the message cannot be taken
     */
    static Read read(ObjectMapper json, String topic, byte[] payload, Dc09TimestampWindow window, Instant now)
            throws Refused {
        String account = accountOf(topic).orElseThrow(() -> new Refused(
                Answer.duh(null, "UNKNOWN_TOPIC", now), "not a transmitter's topic: " + topic));
        JsonNode message;
        try {
            message = json.readTree(payload);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            throw new Refused(Answer.duh(null, "MALFORMED", now), "not a JSON object");
        }
        String messageId = text(message, "messageId");
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new Refused(Answer.duh(null, "MALFORMED", now), "messageId must be 1 to 32 letters, digits, - or _");
        }
        String format = text(message, "format");
        if (format == null || !FORMATS.contains(format)) {
            throw new Refused(Answer.duh(messageId, "UNSUPPORTED_FORMAT", now),
                    "format must be ADM-CID, SIA-DCS or NULL, not " + format);
        }
        Instant sentAt = null;
        String sent = text(message, "sentAt");
        if (sent == null && message.hasNonNull("sentAt")) {
            throw new Refused(Answer.duh(messageId, "MALFORMED", now), "sentAt must be an ISO-8601 instant as text");
        }
        if (sent != null) {
            try {
                sentAt = Instant.parse(sent);
            } catch (DateTimeParseException e) {
                throw new Refused(Answer.duh(messageId, "MALFORMED", now), "sentAt is not an ISO-8601 instant");
            }
            if (!window.admits(sentAt, now)) {
                throw new Refused(Answer.nak(messageId, "TIMESTAMP_OUT_OF_WINDOW", now),
                        "sentAt " + sentAt + " is outside the window around " + now);
            }
        }
        if (Dc09Frame.NULL.equals(format)) {
            return new Read(account, messageId, format, null, sentAt, List.of());
        }
        String event = text(message, "event");
        Optional<List<AlarmEvent>> events = event == null || event.length() > 512 ? Optional.empty()
                : AlarmEvent.of(format, event);
        if (events.isEmpty() || events.get().isEmpty()) {
            throw new Refused(Answer.duh(messageId, "UNREADABLE_EVENT", now),
                    "event is not " + format + ": " + event);
        }
        return new Read(account, messageId, format, event, sentAt, events.get());
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
