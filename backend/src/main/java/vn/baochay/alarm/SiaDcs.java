package vn.baochay.alarm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The events of a SIA DCS message (SIA DC-03 data in a {@code SIA-DCS} frame), e.g. {@code #1234|Nri1/FA001}: the
 * account, a block header ({@code N} new, {@code O} old), then elements separated by {@code /}. An element holds
 * lower-case modifiers ({@code ri} area, {@code ti} time, {@code id} user, ...) and at most one event: a two-letter
 * upper-case code, its address (zone, point or user number) and an optional text between carets.
 *
 * @param account the panel account written in the data, or null when the data names none
 * @param events  the events in the order sent, at least one
 */
public record SiaDcs(String account, List<Event> events) {

    private static final Pattern ACCOUNT = Pattern.compile("#?[0-9A-Za-z]{0,16}");
    private static final Kind OTHER = new Kind(SignalMeaning.OTHER, SignalMeaning.OTHER);
    private static final Map<String, Kind> KINDS = kinds();

    public SiaDcs {
        events = List.copyOf(events);
    }

    /**
     * One event.
     *
     * @param code    the two-letter event code, e.g. {@code FA}
     * @param area    the area (partition) from the last {@code ri} modifier, empty when none was sent
     * @param zone    the address digits as sent, e.g. {@code 001}; empty when the code takes none
     * @param text    free text the panel added, e.g. a zone name; empty when none
     */
    public record Event(String code, String area, String zone, String text) {

        /** What the system must do with this event. */
        public SignalMeaning meaning() {
            return kindOf(code).meaning();
        }

        /** What the code is about: for a restore code, the kind of condition that ended. */
        public SignalMeaning condition() {
            return kindOf(code).condition();
        }
    }

    /**
     * Reads the data of a {@code SIA-DCS} frame; empty when it holds no event or an element that is not one, which
     * the receiver answers with DUH.
     */
    public static Optional<SiaDcs> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        String account = null;
        String rest = data;
        int bar = data.indexOf('|');
        if (bar >= 0 && ACCOUNT.matcher(data.substring(0, bar)).matches()) {
            String named = data.substring(0, bar).replace("#", "");
            account = named.isEmpty() ? null : named;
            rest = data.substring(bar + 1);
        }
        rest = withoutBlockHeader(rest);
        List<Event> events = new ArrayList<>();
        String area = "";
        for (String element : rest.split("/", -1)) {
            int at = 0;
            while (at + 1 < element.length() && isLower(element.charAt(at)) && isLower(element.charAt(at + 1))) {
                String modifier = element.substring(at, at + 2);
                int end = at + 2;
                while (end < element.length() && isModifierValue(element.charAt(end))) {
                    end++;
                }
                if (modifier.equals("ri")) {
                    area = element.substring(at + 2, end);
                }
                at = end;
            }
            if (at == element.length()) {
                continue;
            }
            if (at + 1 >= element.length() || !isUpper(element.charAt(at)) || !isUpper(element.charAt(at + 1))) {
                return Optional.empty();
            }
            String code = element.substring(at, at + 2);
            int end = at + 2;
            while (end < element.length() && isDigit(element.charAt(end))) {
                end++;
            }
            String zone = element.substring(at + 2, end);
            String text = stripCarets(element.substring(end));
            events.add(new Event(code, area, zone, text));
        }
        return events.isEmpty() ? Optional.empty() : Optional.of(new SiaDcs(account, events));
    }

    /**
     * Drops a leading {@code N} or {@code O} block header. It is a header only when a modifier or another code
     * follows: in {@code NT01} (network failure, sent without a header) the {@code N} begins the code.
     */
    private static String withoutBlockHeader(String data) {
        if (data.length() >= 2 && (data.charAt(0) == 'N' || data.charAt(0) == 'O')) {
            char next = data.charAt(1);
            boolean codeFollows = data.length() >= 3 && isUpper(next) && isUpper(data.charAt(2));
            if (isLower(next) || codeFollows) {
                return data.substring(1);
            }
        }
        return data;
    }

    private static String stripCarets(String text) {
        String stripped = text;
        if (stripped.startsWith("^")) {
            stripped = stripped.substring(1);
        }
        if (stripped.endsWith("^")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isModifierValue(char c) {
        return isDigit(c) || c == ':' || c == '-';
    }

    /** The meaning of a code and the kind of condition it is about. */
    private record Kind(SignalMeaning meaning, SignalMeaning condition) {
    }

    static Kind kindOf(String code) {
        return KINDS.getOrDefault(code, OTHER);
    }

    /**
     * The codes the fire service acts on, grouped as their Contact ID counterparts are, so that both formats mean
     * the same: fire, heat and sprinkler-flow alarms (Contact ID 110–118); their restores; troubles, supervisory,
     * bypasses and power or communication failures (Contact ID 2xx–3xx, 571); their restores; test reports
     * (Contact ID 60x). An unverified fire ({@code FG}, one detector of a cross-zoned pair) and a silenced sounder
     * ({@code FL}) are not alarms by themselves and stay OTHER.
     */
    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new HashMap<>();
        put(kinds, SignalMeaning.FIRE_ALARM, SignalMeaning.FIRE_ALARM, "FA", "FM", "KA", "SA");
        put(kinds, SignalMeaning.RESTORE, SignalMeaning.FIRE_ALARM, "FH", "FR", "FC", "KH", "KR", "SH", "SR");
        put(kinds, SignalMeaning.FAULT, SignalMeaning.FAULT, "FT", "FS", "FW", "FY", "FZ", "FB", "KT", "KS", "KB",
                "ST", "SS", "SB", "AT", "YT", "YM", "YP", "YA", "YC", "YS", "YI", "YX", "XT", "ET", "EM", "LT", "NT",
                "IA", "AS", "TA", "TT");
        put(kinds, SignalMeaning.RESTORE, SignalMeaning.FAULT, "FJ", "FQ", "FV", "FU", "KJ", "KU", "SJ", "SU", "AR",
                "YR", "YQ", "YH", "YJ", "YK", "YZ", "XR", "ER", "EN", "LR", "NR", "IR", "AN", "TR", "TH", "TJ");
        put(kinds, SignalMeaning.TEST, SignalMeaning.TEST, "RP", "RX", "RY", "TX", "FX", "FI", "FK", "TS", "TE",
                "TP");
        return Map.copyOf(kinds);
    }

    private static void put(Map<String, Kind> kinds, SignalMeaning meaning, SignalMeaning condition,
                            String... codes) {
        Kind kind = new Kind(meaning, condition);
        for (String code : codes) {
            if (kinds.put(code, kind) != null) {
                throw new IllegalStateException("SIA code " + code + " listed twice");
            }
        }
    }
}
