package vn.baochay.alarm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Frames as a premises transmitter sends them, and the receiver's answers as a transmitter reads them. Written
 * apart from {@link Dc09Codec}, with its own CRC (bit by bit, where the codec uses a table), its own timestamp
 * formatting and its own encryption, so that a mistake in the codec is not repeated here and cancelled out.
 */
final class TransmitterFrames {

    /** When the frames built here are stamped, unless a test says otherwise. */
    static final Instant SENT = Instant.parse("2026-03-14T09:26:53Z");

    private TransmitterFrames() {
    }

    /** A Contact ID event such as {@code 1110 01 015}, with the account in the data as panels write it. */
    static Builder contactId(String account, String event) {
        return new Builder("ADM-CID", account, "#" + account + "|" + event);
    }

    /** SIA DCS events such as {@code Nri1/FA001}, with the account in the data as panels write it. */
    static Builder siaDcs(String account, String events) {
        return new Builder("SIA-DCS", account, "#" + account + "|" + events);
    }

    /** A link test, which carries no data. */
    static Builder linkTest(String account) {
        return new Builder("NULL", account, "");
    }

    /** A frame with any ID token. */
    static Builder withToken(String token, String account, String data) {
        return new Builder(token, account, data);
    }

    static final class Builder {
        private final String token;
        private final String account;
        private final String data;
        private final List<String> extended = new ArrayList<>();
        private int sequence = 1;
        private String receiver;
        private String line = "0";
        private Instant stamp = SENT;
        private boolean timestamped = true;
        private byte[] key;

        private Builder(String token, String account, String data) {
            this.token = token;
            this.account = account;
            this.data = data;
        }

        Builder sequence(int sequence) {
            this.sequence = sequence;
            return this;
        }

        Builder receiver(String receiver) {
            this.receiver = receiver;
            return this;
        }

        Builder line(String line) {
            this.line = line;
            return this;
        }

        Builder extended(String block) {
            extended.add(block);
            return this;
        }

        Builder stampedAt(Instant stamp) {
            this.stamp = stamp;
            return this;
        }

        Builder withoutTimestamp() {
            this.timestamped = false;
            return this;
        }

        Builder encryptedWith(byte[] key) {
            this.key = key;
            return this;
        }

        /** The frame between LF+CRC+length and CR, i.e. the bytes the CRC and length cover. */
        String body() {
            StringBuilder tail = new StringBuilder("]");
            for (String block : extended) {
                tail.append('[').append(block).append(']');
            }
            if (timestamped) {
                tail.append('_').append(timestamp(stamp));
            }
            StringBuilder body = new StringBuilder("\"").append(key == null ? "" : "*").append(token).append('"')
                    .append(String.format(Locale.ROOT, "%04d", sequence));
            if (receiver != null) {
                body.append('R').append(receiver);
            }
            if (line != null) {
                body.append('L').append(line);
            }
            body.append('#').append(account).append('[');
            if (key == null) {
                return body.append(data).append(tail).toString();
            }
            // A link test has no data, and then some panels send no separator either: the padding runs to "]".
            String plain = data.isEmpty() ? tail.toString() : "|" + data + tail;
            return body.append(encrypt(plain, key)).toString();
        }

        byte[] bytes() {
            return frame(body());
        }

        String text() {
            return new String(bytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** LF, CRC, length, body, CR. */
    static byte[] frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return ("\n" + crc(bytes) + String.format(Locale.ROOT, "%04X", bytes.length) + body + "\r")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** CRC-16/ARC one bit at a time, least significant bit of each byte first. */
    static String crc(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            for (int i = 0; i < 8; i++) {
                int bit = ((b >> i) ^ crc) & 1;
                crc >>>= 1;
                if (bit == 1) {
                    crc ^= 0xA001;
                }
            }
        }
        return String.format(Locale.ROOT, "%04X", crc);
    }

    static String timestamp(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%02d:%02d:%02d,%02d-%02d-%04d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getMonthValue(), t.getDayOfMonth(), t.getYear());
    }

    /**
     * Pads with {@code p} in front to whole blocks, as the NorthLat DC-09 test transmitter does, then AES-CBC with
     * a zero IV, as hex.
     */
    static String encrypt(String plain, byte[] key) {
        String padded = "p".repeat(16 - plain.length() % 16) + plain;
        byte[] cipher = aes(Cipher.ENCRYPT_MODE, key, padded.getBytes(StandardCharsets.US_ASCII));
        StringBuilder hex = new StringBuilder();
        for (byte b : cipher) {
            hex.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return hex.toString();
    }

    static String decrypt(String hex, byte[] key) {
        byte[] cipher = new byte[hex.length() / 2];
        for (int i = 0; i < cipher.length; i++) {
            cipher[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(aes(Cipher.DECRYPT_MODE, key, cipher), StandardCharsets.ISO_8859_1);
    }

    /**
     * The body of a receiver's answer, after checking what a transmitter checks: LF and CR around it, a length
     * field that counts it and a CRC that matches it.
     */
    static String openAnswer(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("\n") || !text.endsWith("\r") || text.length() < 10) {
            throw new AssertionError("not framed by LF and CR: " + text);
        }
        String body = text.substring(9, text.length() - 1);
        if (Integer.parseInt(text.substring(5, 9), 16) != body.length()) {
            throw new AssertionError("length field " + text.substring(5, 9) + " for " + body.length() + " bytes");
        }
        if (!text.substring(1, 5).equals(crc(body.getBytes(StandardCharsets.ISO_8859_1)))) {
            throw new AssertionError("CRC field " + text.substring(1, 5) + " does not match " + body);
        }
        return body;
    }

    /** A key of the given size whose bytes differ from any other key made here with another seed. */
    static byte[] key(int bits, int seed) {
        byte[] key = new byte[bits / 8];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return key;
    }

    private static byte[] aes(int mode, byte[] key, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
            return cipher.doFinal(input);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
