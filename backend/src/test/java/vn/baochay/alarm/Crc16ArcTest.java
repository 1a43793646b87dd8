package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc16ArcTest {

    @Test
    void givesThePublishedCheckValueOfCrc16Arc() {
        // The catalogue check value: CRC-16/ARC of the ASCII digits 1 to 9 is 0xBB3D.
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(Crc16Arc.of(digits)).isEqualTo(0xBB3D);
        assertThat(TransmitterFrames.crc(digits)).isEqualTo("BB3D");
    }

    @Test
    void agreesWithTheBitwiseCrcOfTheTestTransmitter() {
        Random random = new Random(114);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);

            assertThat(Crc16Arc.hex(Crc16Arc.of(bytes))).isEqualTo(TransmitterFrames.crc(bytes));
        }
    }

    @Test
    void hasTheTableEntryThatDc07Misprinted() {
        // DC-07 prints 0xBE01 as the 101st table entry; the right value is 0xEB01.
        assertThat(Crc16Arc.of(new byte[] {100})).isEqualTo(0xEB01);
    }
}
