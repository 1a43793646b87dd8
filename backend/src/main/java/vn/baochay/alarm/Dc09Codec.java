package vn.baochay.alarm;

import static vn.baochay.alarm.Dc09Refusal.BAD_CRC;
import static vn.baochay.alarm.Dc09Refusal.BAD_LENGTH;
import static vn.baochay.alarm.Dc09Refusal.DECRYPTION_FAILED;
import static vn.baochay.alarm.Dc09Refusal.MALFORMED;
import static vn.baochay.alarm.Dc09Refusal.PLAINTEXT_FROM_ENCRYPTING_ACCOUNT;
import static vn.baochay.alarm.Dc09Refusal.TIMESTAMP_OUT_OF_WINDOW;
import static vn.baochay.alarm.Dc09Refusal.UNKNOWN_ACCOUNT_KEY;
import static vn.baochay.alarm.Dc09Refusal.UNSUPPORTED_TOKEN;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SIA DC-09 frames from fire-alarm transmitters and writes the receiver's answers to them.
 *
 * <p>A frame is {@code <LF><crc><0LLL>"<token>"<seq>[R<rcvr>][L<pref>]#<acct>[<data>]{[<extended>]}[_<timestamp>]<CR>}:
 * a CRC-16/ARC as four hex digits, then the length as {@code 0} and three hex digits, both over the bytes from the
 * opening quote to the end before the CR. In an encrypted frame (token {@code *SIA-DCS}, {@code *ADM-CID},
 * {@code *NULL}) everything after the opening bracket is hex of AES-CBC ciphertext, and the timestamp inside it is
 * required; see {@link Dc09Cipher}.
 *
 * <p>The codec is lenient where real panels are known to differ and the meaning stays clear: the leading LF may be
 * missing, trailing NUL bytes after the CR are ignored, the receiver number and line prefix are optional and the
 * line prefix may be empty. It is strict where leniency would accept damaged or forged frames: length, CRC,
 * decryption and the timestamp window.
 *
 * <p>The codec holds the key lookup rather than taking it per call, so the ACK to an encrypted frame is always
 * encrypted with the key that frame was read with. It keeps no state between frames and may be shared by every
 * connection of a receiver.
 *
 * <p>Longer than most classes: reading a frame and writing each of the answers share the framing, the
 * CRC and length rules and the encryption, which belong together so that they cannot drift apart.
 */
public final class Dc09Codec {

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    /** The length field is {@code 0} and three hex digits, so no frame body is longer than this. */
    private static final int MAX_BODY = 0xFFF;
    private static final int CRC_AND_LENGTH = 8;
    private static final Set<String> SUPPORTED = Set.of(Dc09Frame.SIA_DCS, Dc09Frame.ADM_CID, Dc09Frame.NULL);
    private static final Pattern HEADER = Pattern.compile(
            "\"(\\*?)([A-Z0-9/-]{1,16})\"(\\d{4})"
                    + "(?:R([0-9A-Fa-f]{1,6}))?(?:L([0-9A-Fa-f]{0,6}))?#([0-9A-Za-z]{1,16})\\[");

    private final Dc09Keys keys;
    private final Dc09TimestampWindow window;
    private final Clock clock;
    private final Dc09Cipher cipher = new Dc09Cipher();

    /**
     * @param keys   the AES key of each account that encrypts
     * @param window how far a frame's timestamp may stray from {@code clock}; {@link Dc09TimestampWindow#STANDARD}
     *               unless a site has a reason
     * @param clock  the receiver's clock, which the window is measured against and which NAKs and encrypted ACKs carry
     */
    public Dc09Codec(Dc09Keys keys, Dc09TimestampWindow window, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The account a frame's header names, read without checking anything else (the header is never encrypted), so
     * that a receiver can look the account's key up before it reads the frame; empty when there is none to read.
     */
    public static Optional<String> accountOf(byte[] frame) {
        String text = new String(frame, 0, Math.min(frame.length, CRC_AND_LENGTH + 64), StandardCharsets.ISO_8859_1);
        Matcher header = HEADER.matcher(text);
        return header.find() ? Optional.of(header.group(6)) : Optional.empty();
    }

    /** Reads a frame given as text; each character stands for one byte, as on the wire. */
    public Dc09Result parse(String frame) {
        if (frame == null) {
            return refused(MALFORMED, "no frame");
        }
        return parse(frame.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Reads one frame: checks its length, CRC, decrypts it with its account's key when it is encrypted, and checks
     * its timestamp against the window. Never throws for bad input; every problem is a {@link Dc09Result.Refused}.
     */
    public Dc09Result parse(byte[] frame) {
        if (frame == null) {
            return refused(MALFORMED, "no frame");
        }
        int start = frame.length > 0 && frame[0] == LF ? 1 : 0;
        int end = frame.length;
        while (end > start && frame[end - 1] == 0) {
            end--;
        }
        if (end > start && frame[end - 1] == CR) {
            end--;
        }
        if (end - start > CRC_AND_LENGTH + MAX_BODY) {
            return refused(MALFORMED, "longer than any DC-09 frame (" + frame.length + " bytes)");
        }
        if (end - start < CRC_AND_LENGTH) {
            return refused(MALFORMED, "too short to hold the CRC and length fields");
        }
        int sentCrc = hex4(frame, start);
        int sentLength = hex4(frame, start + 4);
        if (sentCrc < 0 || sentLength < 0) {
            return refused(MALFORMED, "the CRC and length fields are not hex digits");
        }
        int bodyStart = start + CRC_AND_LENGTH;
        int carried = end - bodyStart;
        if (sentLength != carried) {
            return refused(BAD_LENGTH, "the length field counts " + sentLength + " bytes, the frame carries "
                    + carried);
        }
        int crc = Crc16Arc.of(frame, bodyStart, carried);
        if (crc != sentCrc) {
            return refused(BAD_CRC, "the CRC field is " + Crc16Arc.hex(sentCrc) + ", the bytes give "
                    + Crc16Arc.hex(crc));
        }
        return read(new String(frame, bodyStart, carried, StandardCharsets.ISO_8859_1),
                new String(frame, StandardCharsets.ISO_8859_1));
    }

    /**
     * The positive acknowledgement of an accepted frame, echoing its sequence, receiver, line prefix and account.
     * When the frame was encrypted the ACK is too, and carries the receiver's time, as DC-09 requires.
     *
     * @throws IllegalStateException if the frame was encrypted and its account no longer has a key
     */
    public byte[] ack(Dc09Frame frame) {
        String addressed = addressOf(frame);
        if (!frame.encrypted()) {
            return wrap("\"ACK\"" + addressed + "]");
        }
        byte[] key = keyOf(frame.account()).filter(Dc09Cipher::validKeyLength).orElseThrow(() ->
                new IllegalStateException("account " + frame.account() + " has no AES key to encrypt its ACK with"));
        return wrap("\"*ACK\"" + addressed + cipher.encrypt("|]_" + Dc09Timestamps.format(clock.instant()), key));
    }

    /**
     * The negative acknowledgement, never encrypted, with fixed sequence, receiver, line and account fields. It
     * carries the receiver's time {@code now} so that a transmitter whose clock strayed can correct it.
     */
    public byte[] nak(Instant now) {
        return wrap("\"NAK\"0000R0L0A0[]_" + Dc09Timestamps.format(now));
    }

    /** The negative acknowledgement with the receiver's time from the codec's clock. */
    public byte[] nak() {
        return nak(clock.instant());
    }

    /** "Unable to process": the frame arrived intact but is not understood. Never encrypted. */
    public byte[] duh(Dc09Frame frame) {
        return wrap("\"DUH\"" + addressOf(frame) + "]");
    }

    /** The answer DC-09 expects to a refused frame: NAK with the receiver's time, or DUH. */
    public byte[] answer(Dc09Result.Refused refused) {
        return switch (refused.reason().answer()) {
            case NAK -> nak();
            case DUH -> duh(refused.frame());
        };
    }

    private Dc09Result read(String body, String raw) {
        Matcher header = HEADER.matcher(body);
        if (!header.lookingAt()) {
            return refused(MALFORMED, "the header is not \"TOKEN\"seq[Rrcvr][Lpref]#acct[");
        }
        Address address = new Address(!header.group(1).isEmpty(), header.group(2), Integer.parseInt(header.group(3)),
                header.group(4), header.group(5), header.group(6));
        String rest = body.substring(header.end());
        if (!SUPPORTED.contains(address.token)) {
            return new Dc09Result.Refused(UNSUPPORTED_TOKEN, "ID token " + address.token + " is not handled",
                    address.frame(rest, List.of(), null, raw));
        }
        Optional<byte[]> key = keyOf(address.account);
        if (!address.encrypted) {
            if (key.isPresent()) {
                return refused(PLAINTEXT_FROM_ENCRYPTING_ACCOUNT, "unencrypted frame from account " + address.account
                        + ", which is registered with a key");
            }
            return readContent(address, rest, raw);
        }
        if (key.isEmpty()) {
            return refused(UNKNOWN_ACCOUNT_KEY, "encrypted frame from account " + address.account
                    + ", which has no key");
        }
        if (!Dc09Cipher.validKeyLength(key.get())) {
            return refused(DECRYPTION_FAILED, "the key of account " + address.account + " has " + key.get().length
                    + " bytes; AES takes 16, 24 or 32");
        }
        if (!Dc09Cipher.wholeBlocksOfHex(rest)) {
            return refused(MALFORMED, "the encrypted part is not whole AES blocks written in hex");
        }
        Optional<String> plain = Dc09Cipher.decrypt(rest, key.get());
        if (plain.isEmpty()) {
            return refused(DECRYPTION_FAILED, "the frame does not decrypt to text with the key of account "
                    + address.account);
        }
        return readContent(address, plain.get(), raw);
    }

    /** Reads {@code data]} then any {@code [extended]} blocks then an optional {@code _timestamp}, to the end. */
    private Dc09Result readContent(Address address, String content, String raw) {
        int close = content.indexOf(']');
        if (close < 0) {
            return refused(MALFORMED, "the message data has no closing bracket");
        }
        String field = content.substring(0, close);
        if (field.indexOf('[') >= 0) {
            return refused(MALFORMED, "an opening bracket inside the message data");
        }
        List<String> extended = new ArrayList<>();
        int at = close + 1;
        while (at < content.length() && content.charAt(at) == '[') {
            int end = content.indexOf(']', at);
            if (end < 0 || content.substring(at + 1, end).indexOf('[') >= 0) {
                return refused(MALFORMED, "an extended data block is not closed");
            }
            extended.add(content.substring(at + 1, end));
            at = end + 1;
        }
        Instant timestamp = null;
        if (at < content.length()) {
            if (content.charAt(at) != '_') {
                return refused(MALFORMED, "unexpected characters after the message data");
            }
            Optional<Instant> parsed = Dc09Timestamps.parse(content.substring(at + 1));
            if (parsed.isEmpty()) {
                return refused(MALFORMED, "the timestamp is not HH:MM:SS,MM-DD-YYYY");
            }
            timestamp = parsed.get();
        } else if (address.encrypted) {
            return refused(MALFORMED, "an encrypted frame must carry a timestamp");
        }
        String data = address.encrypted ? withoutPadding(field) : field;
        Dc09Frame frame = address.frame(data, extended, timestamp, raw);
        if (timestamp != null) {
            Instant now = clock.instant();
            if (!window.admits(timestamp, now)) {
                return new Dc09Result.Refused(TIMESTAMP_OUT_OF_WINDOW, "timestamp " + timestamp + ", receiver time "
                        + now + ", window -" + window.behind().toSeconds() + " s/+" + window.ahead().toSeconds() + " s",
                        frame);
            }
        }
        return new Dc09Result.Accepted(frame);
    }

    /** Padding never contains {@code |}, so the data starts after the first one; padding alone means no data. */
    private static String withoutPadding(String field) {
        int bar = field.indexOf('|');
        return bar < 0 ? "" : field.substring(bar + 1);
    }

    private Optional<byte[]> keyOf(String account) {
        Optional<byte[]> key = keys.keyFor(account);
        return key == null ? Optional.empty() : key;
    }

    private static String addressOf(Dc09Frame frame) {
        return String.format(Locale.ROOT, "%04d", frame.sequence())
                + (frame.receiver() == null ? "" : "R" + frame.receiver())
                + (frame.linePrefix() == null ? "" : "L" + frame.linePrefix())
                + "#" + frame.account() + "[";
    }

    private static byte[] wrap(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        String length = String.format(Locale.ROOT, "%04X", bytes.length);
        String framed = "\n" + Crc16Arc.hex(Crc16Arc.of(bytes)) + length + body + "\r";
        return framed.getBytes(StandardCharsets.US_ASCII);
    }

    /** Four hex digits as a number, or -1 when they are not hex. */
    private static int hex4(byte[] bytes, int from) {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit((char) (bytes[i] & 0xFF), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static Dc09Result.Refused refused(Dc09Refusal reason, String detail) {
        return new Dc09Result.Refused(reason, detail, null);
    }

    /** The header fields of a frame, read before its content. */
    private record Address(boolean encrypted, String token, int sequence, String receiver, String linePrefix,
                           String account) {

        Dc09Frame frame(String data, List<String> extended, Instant timestamp, String raw) {
            return new Dc09Frame(encrypted, token, sequence, receiver, linePrefix, account, data, extended, timestamp,
                    raw);
        }
    }
}
