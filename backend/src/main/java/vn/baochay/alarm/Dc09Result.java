package vn.baochay.alarm;

/**
 * The outcome of reading a frame: accepted, or refused for a named reason. Bad input from a device is a value,
 * never an exception, because a receiver must answer every frame and keep serving the next one.
 */
public sealed interface Dc09Result {

    /** The frame passed every check: length, CRC, decryption and the timestamp window. */
    record Accepted(Dc09Frame frame) implements Dc09Result {
    }

    /**
     * The frame was refused.
     *
     * @param reason what was wrong, and so which answer to send
     * @param detail a sentence for the log
     * @param frame  the frame as far as it could be read: present for {@link Dc09Refusal#TIMESTAMP_OUT_OF_WINDOW}
     *               and {@link Dc09Refusal#UNSUPPORTED_TOKEN}, whose answers need it; null otherwise
     */
    record Refused(Dc09Refusal reason, String detail, Dc09Frame frame) implements Dc09Result {
    }
}
