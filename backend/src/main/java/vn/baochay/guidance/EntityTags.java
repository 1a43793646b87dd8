package vn.baochay.guidance;

/**
 * {@code If-None-Match} as RFC 9110 §13.1.2 reads it: {@code *}, or a list of entity tags compared
 * weakly ({@code W/"x"} matches {@code "x"}), since a cache may have weakened the tag it kept.
 */
final class EntityTags {

    private EntityTags() {
    }

    /** Whether the header (null when absent) names {@code etag}, a quoted strong tag. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String header = ifNoneMatch.strip();
        if (header.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < header.length()) {
            char c = header.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
            } else if (header.startsWith("W/", i)) {
                i += 2;
            } else if (c == '"') {
                int end = header.indexOf('"', i + 1);
                if (end < 0) {
                    return false;
                }
                if (header.substring(i, end + 1).equals(etag)) {
                    return true;
                }
                i = end + 1;
            } else {
                // Not a tag (an unquoted value some clients send): skip it up to the next comma.
                int comma = header.indexOf(',', i);
                if (comma < 0) {
                    return false;
                }
                i = comma + 1;
            }
        }
        return false;
    }
}
