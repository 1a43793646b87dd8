package vn.baochay.alarm;

import java.util.Locale;

/**
 * CRC-16/ARC: polynomial 0x8005 processed bit-reflected (0xA001), initial value 0, no final XOR. SIA DC-07
 * defines it and DC-09 reuses it; a frame carries it as four upper-case hex characters computed over the
 * bytes from the opening quote of the ID token to the end of the frame before its CR, which are also the
 * bytes its length field counts.
 *
 * <p>The lookup table is computed at class load rather than copied: the table printed in DC-07 has a known
 * misprint (its 101st entry reads 0xBE01 instead of 0xEB01), and a copied table would carry it.
 */
public final class Crc16Arc {

    private static final int[] TABLE = table();

    private Crc16Arc() {
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static int of(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** The CRC as a frame carries it: four upper-case hex digits. */
    public static String hex(int crc) {
        return String.format(Locale.ROOT, "%04X", crc & 0xFFFF);
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            table[b] = crc;
        }
        return table;
    }
}
