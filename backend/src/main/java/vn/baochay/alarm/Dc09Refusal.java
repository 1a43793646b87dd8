package vn.baochay.alarm;

/** Why a frame was not accepted, and the answer DC-09 expects the receiver to send for it. */
public enum Dc09Refusal {

    /** Not a DC-09 frame: missing fields, bad characters, unclosed brackets, an unreadable timestamp. */
    MALFORMED(Answer.NAK),

    /** The length field does not count the bytes the frame carries: it was cut or joined with another. */
    BAD_LENGTH(Answer.NAK),

    /**
     * The CRC does not match: the bytes were damaged on the way. DC-09's test appendix has a receiver stay silent
     * here; a NAK makes the transmitter send again at once instead of after its answer timeout.
     */
    BAD_CRC(Answer.NAK),

    /** An encrypted frame from an account the receiver holds no key for. */
    UNKNOWN_ACCOUNT_KEY(Answer.NAK),

    /**
     * An unencrypted frame from an account registered with a key: anyone could have sent it, so it is not taken.
     * The NAK tells a transmitter whose encryption was switched off by mistake that its signals are not arriving.
     */
    PLAINTEXT_FROM_ENCRYPTING_ACCOUNT(Answer.NAK),

    /** An encrypted frame that does not decrypt to text: usually the wrong key. */
    DECRYPTION_FAILED(Answer.NAK),

    /**
     * The timestamp lies outside the receiver's window. The NAK carries the receiver's time so that the
     * transmitter can set its clock and send again; this also defeats replays of recorded frames.
     */
    TIMESTAMP_OUT_OF_WINDOW(Answer.NAK),

    /** A correctly received frame whose ID token this receiver does not handle (neither events nor link test). */
    UNSUPPORTED_TOKEN(Answer.DUH);

    /** The receiver's answer to a refused frame. */
    public enum Answer {
        /** Negative acknowledgement: the transmitter sends again. */
        NAK,
        /** "Unable": received intact but not understood; sending again will not help. */
        DUH
    }

    private final Answer answer;

    Dc09Refusal(Answer answer) {
        this.answer = answer;
    }

    public Answer answer() {
        return answer;
    }
}
