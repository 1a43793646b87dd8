package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.baochay.alarm.TransmitterFrames.SENT;
import static vn.baochay.alarm.TransmitterFrames.contactId;
import static vn.baochay.alarm.TransmitterFrames.key;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A receiver reads whatever reaches its port; nothing a device or a scanner sends may throw. */
class Dc09CodecRobustnessTest {

    private static final byte[] KEY = key(128, 1);

    private final Dc09Codec codec = new Dc09Codec(account -> account.equals("7A01") ? Optional.of(KEY)
            : Optional.empty(), Dc09TimestampWindow.STANDARD, Clock.fixed(SENT, ZoneOffset.UTC));

    @Test
    void randomBytesAreRefusedNeverThrown() {
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);

            assertThat(codec.parse(bytes)).isInstanceOf(Dc09Result.Refused.class);
        }
    }

    @Test
    void randomTextAfterAValidLookingHeaderIsRefusedNeverThrown() {
        Random random = new Random(21);
        String alphabet = "\"*#[]|_:,-/^0123456789ABCDEFRLN SIA-DCSADM-CIDNULL\n\r\0";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder tail = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) {
                tail.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String body = (random.nextBoolean() ? "\"ADM-CID\"0001L0#1234[" : "\"*SIA-DCS\"0001L0#7A01[") + tail;

            // A correct CRC and length, so the random text reaches the deeper checks.
            assertThat(codec.parse(TransmitterFrames.frame(body))).isNotNull();
        }
    }

    @Test
    void everyDamagedCopyOfAValidFrameIsRefused() {
        for (byte[] valid : new byte[][] {contactId("4F39", "1110 01 015").bytes(),
                contactId("7A01", "1110 02 031").encryptedWith(KEY).bytes()}) {
            assertThat(codec.parse(valid)).isInstanceOf(Dc09Result.Accepted.class);
            for (int cut = 0; cut < valid.length - 1; cut++) {
                assertThat(codec.parse(Arrays.copyOf(valid, cut))).isInstanceOf(Dc09Result.Refused.class);
            }
            // Every byte but the optional LF and CR around the frame, replaced by every other value.
            for (int at = 1; at < valid.length - 1; at++) {
                for (int value = 0; value < 256; value++) {
                    if (value == (valid[at] & 0xFF) || at < 9 && sameHexDigit(valid[at], value)) {
                        continue;
                    }
                    byte[] damaged = valid.clone();
                    damaged[at] = (byte) value;

                    assertThat(codec.parse(damaged)).isInstanceOf(Dc09Result.Refused.class);
                }
            }
        }
    }

    /** The CRC and length fields are read case-blind: "ea74" is the same CRC as "EA74". */
    private static boolean sameHexDigit(byte original, int value) {
        int digit = Character.digit((char) (original & 0xFF), 16);
        return digit >= 10 && digit == Character.digit((char) value, 16);
    }

    @Test
    void nothingAndTooMuchAreMalformed() {
        byte[] huge = new byte[1 << 20];
        Arrays.fill(huge, (byte) 'A');

        assertThat(((Dc09Result.Refused) codec.parse((byte[]) null)).reason()).isEqualTo(Dc09Refusal.MALFORMED);
        assertThat(((Dc09Result.Refused) codec.parse((String) null)).reason()).isEqualTo(Dc09Refusal.MALFORMED);
        assertThat(((Dc09Result.Refused) codec.parse(new byte[0])).reason()).isEqualTo(Dc09Refusal.MALFORMED);
        assertThat(((Dc09Result.Refused) codec.parse(huge)).reason()).isEqualTo(Dc09Refusal.MALFORMED);
    }

    @Test
    void theEventParsersNeverThrowEither() {
        Random random = new Random(22);
        String alphabet = "#|/^ 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder data = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                data.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }

            assertThat(ContactId.parse(data.toString())).isNotNull();
            assertThat(SiaDcs.parse(data.toString())).isNotNull();
        }
        assertThat(ContactId.parse(null)).isEmpty();
        assertThat(SiaDcs.parse(null)).isEmpty();
    }
}
