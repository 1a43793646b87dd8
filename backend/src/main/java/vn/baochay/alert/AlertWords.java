package vn.baochay.alert;

/**
 * What a cancelled alert says wherever it is shown (its CAP message, the Atom feed, the phone's
 * notification), so that all of them say the same.
 */
public final class AlertWords {

    private AlertWords() {
    }

    /** The prefix of a cancelled alert's headline. */
    public static String cancelled(String language) {
        return "en".equals(language) ? "Cancelled: " : "Đã hủy cảnh báo: ";
    }

    /** A cancelled alert's instruction. */
    public static String ended(String language) {
        return "en".equals(language) ? "This alert is no longer in force." : "Cảnh báo này không còn hiệu lực.";
    }
}
