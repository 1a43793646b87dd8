package vn.baochay.guidance;

import java.util.List;

/**
 * One guidance topic as checked from its file: both languages side by side, so they always share
 * one {@code version} (the text's, bumped on every change in either language).
 */
record GuidanceTopic(String id, int version, String hazard, int order, List<Source> sources, Text vi, Text en) {

    /** A public source the text follows. */
    record Source(String name, String url) {
    }

    /** The text in one language; {@code steps} and {@code dont} are in the same order in both. */
    record Text(String title, String summary, List<String> steps, List<String> dont, String call) {
    }

    Text text(Language language) {
        return language == Language.EN ? en : vi;
    }
}
