package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.baochay.alarm.Dc09CodecTest.accepted;
import static vn.baochay.alarm.Dc09CodecTest.refused;
import static vn.baochay.alarm.TransmitterFrames.SENT;
import static vn.baochay.alarm.TransmitterFrames.contactId;
import static vn.baochay.alarm.TransmitterFrames.key;
import static vn.baochay.alarm.TransmitterFrames.linkTest;
import static vn.baochay.alarm.TransmitterFrames.openAnswer;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Dc09EncryptionTest {

    private final Map<String, byte[]> keys = new HashMap<>();
    private final Dc09Codec codec = new Dc09Codec(account -> Optional.ofNullable(keys.get(account)),
            Dc09TimestampWindow.STANDARD, Clock.fixed(SENT, ZoneOffset.UTC));

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 192, 256})
    void anEncryptedContactIdFireAlarmIsReadWithItsAccountsKey(int bits) {
        keys.put("7A01", key(bits, 1));

        Dc09Frame frame = accepted(codec.parse(contactId("7A01", "1110 02 031").encryptedWith(key(bits, 1)).bytes()));

        assertThat(frame.encrypted()).isTrue();
        assertThat(frame.token()).isEqualTo(Dc09Frame.ADM_CID);
        assertThat(frame.raw()).contains("\"*ADM-CID\"").doesNotContain("1110 02 031");
        assertThat(frame.data()).isEqualTo("#7A01|1110 02 031");
        assertThat(frame.timestamp()).isEqualTo(SENT);
        ContactId event = ContactId.parse(frame.data()).orElseThrow();
        assertThat(event.meaning()).isEqualTo(SignalMeaning.FIRE_ALARM);
        assertThat(event.zone()).isEqualTo(31);
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 256})
    void anEncryptedFrameIsRefusedWithTheWrongKey(int bits) {
        keys.put("7A01", key(bits, 2));

        Dc09Result.Refused refused = refused(codec.parse(
                contactId("7A01", "1110 02 031").encryptedWith(key(bits, 1)).bytes()));

        assertThat(refused.reason()).isEqualTo(Dc09Refusal.DECRYPTION_FAILED);
        assertThat(openAnswer(codec.answer(refused))).startsWith("\"NAK\"");
    }

    @Test
    void anEncryptedFrameFromAnAccountWithoutAKeyIsRefused() {
        Dc09Result.Refused refused = refused(codec.parse(
                contactId("7A01", "1110 02 031").encryptedWith(key(128, 1)).bytes()));

        assertThat(refused.reason()).isEqualTo(Dc09Refusal.UNKNOWN_ACCOUNT_KEY);
    }

    @Test
    void theAckToAnEncryptedFrameIsEncryptedAndCarriesTheReceiversTime() {
        keys.put("7A01", key(256, 1));
        Dc09Frame frame = accepted(codec.parse(contactId("7A01", "1110 02 031").sequence(3).line("1")
                .encryptedWith(key(256, 1)).bytes()));

        String body = openAnswer(codec.ack(frame));

        String header = "\"*ACK\"0003L1#7A01[";
        assertThat(body).startsWith(header).doesNotContain("09:26:53");
        String plain = TransmitterFrames.decrypt(body.substring(header.length()), key(256, 1));
        assertThat(plain).hasSize(32).matches("[^\\[\\]|]+\\|\\]_09:26:53,03-14-2026");
    }

    @Test
    void anEncryptedLinkTestIsAccepted() {
        keys.put("7A01", key(128, 1));

        Dc09Frame frame = accepted(codec.parse(linkTest("7A01").encryptedWith(key(128, 1)).bytes()));

        assertThat(frame.isLinkTest()).isTrue();
        assertThat(frame.encrypted()).isTrue();
        assertThat(frame.data()).isEmpty();
    }

    @Test
    void theTimestampInsideAnEncryptedFrameIsCheckedAndTheNakIsNotEncrypted() {
        keys.put("7A01", key(128, 1));

        Dc09Result.Refused refused = refused(codec.parse(contactId("7A01", "1110 02 031")
                .stampedAt(SENT.minus(Duration.ofMinutes(2))).encryptedWith(key(128, 1)).bytes()));

        assertThat(refused.reason()).isEqualTo(Dc09Refusal.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(openAnswer(codec.answer(refused))).isEqualTo("\"NAK\"0000R0L0A0[]_09:26:53,03-14-2026");
    }

    @Test
    void anEncryptedFrameMustCarryATimestamp() {
        keys.put("7A01", key(128, 1));

        Dc09Result result = codec.parse(contactId("7A01", "1110 02 031").withoutTimestamp()
                .encryptedWith(key(128, 1)).bytes());

        assertThat(refused(result).reason()).isEqualTo(Dc09Refusal.MALFORMED);
    }

    @Test
    void aKeyOfAnImpossibleLengthIsRefusedNotThrown() {
        keys.put("7A01", new byte[15]);

        Dc09Result result = codec.parse(contactId("7A01", "1110 02 031").encryptedWith(key(128, 1)).bytes());

        assertThat(refused(result).reason()).isEqualTo(Dc09Refusal.DECRYPTION_FAILED);
    }
}
