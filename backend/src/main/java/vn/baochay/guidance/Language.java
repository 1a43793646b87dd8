package vn.baochay.guidance;

import java.util.Locale;

/** The languages guidance is written in. Every topic has both, so any request can be answered. */
public enum Language {
    VI("vi"), EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The tag sent in Content-Language and in the documents' {@code language}. */
    public String tag() {
        return tag;
    }

    /**
     * The language asked for in {@code ?lang=}, by its primary subtag and ignoring case ({@code en-GB}
     * is English). Anything else, or nothing, is Vietnamese: a phone set to French in Vietnam still
     * gets guidance, in the country's language.
     */
    public static Language of(String requested) {
        if (requested == null) {
            return VI;
        }
        String primary = requested.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return EN.tag.equals(primary) ? EN : VI;
    }
}
