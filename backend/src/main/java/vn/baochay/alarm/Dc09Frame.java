package vn.baochay.alarm;

import java.time.Instant;
import java.util.List;

/**
 * One SIA DC-09 frame as a transmitter sent it, read and, when it was encrypted, decrypted.
 *
 * @param encrypted  whether the ID token carried the {@code *} of an AES-encrypted frame
 * @param token      the ID token without that {@code *}: {@link #SIA_DCS}, {@link #ADM_CID}, {@link #NULL}, or
 *                   another one the codec refused as unsupported
 * @param sequence   0 to 9999; the receiver echoes it so the transmitter can pair the answer with what it sent
 * @param receiver   the hex digits after {@code R}, or null when the frame has no receiver number
 * @param linePrefix the hex digits after {@code L}, or null when the frame has none; may be empty, since some
 *                   panels send a bare {@code L}
 * @param account    the transmitter's account, the digits after {@code #}; the key and the premises are found by it
 * @param data       the message data between the first brackets, decrypted and without the encryption padding,
 *                   e.g. {@code #1234|1110 01 015}; it may name another account than the header when a
 *                   transmitter forwards for several panels
 * @param extended   the extended data blocks that follow, each without its brackets, e.g. {@code X106E41.1}
 * @param timestamp  the transmitter's timestamp, which DC-09 writes in UTC; null when the frame has none, which
 *                   only unencrypted frames may omit
 * @param raw        the frame as received, still encrypted, for the log
 */
public record Dc09Frame(boolean encrypted, String token, int sequence, String receiver, String linePrefix,
                        String account, String data, List<String> extended, Instant timestamp, String raw) {

    public static final String SIA_DCS = "SIA-DCS";
    public static final String ADM_CID = "ADM-CID";
    public static final String NULL = "NULL";

    public Dc09Frame {
        extended = List.copyOf(extended);
    }

    /** A link test, which carries no event and only proves the path from the premises is up. */
    public boolean isLinkTest() {
        return NULL.equals(token);
    }
}
