package vn.baochay.incident;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a dispatcher should trust a report at first sight, 0 to 100, and why, in codes with figures
 * the console words in its language. It orders and labels the queue; it never hides or refuses a
 * report. Assessed once, when the report arrives, from what the server knows at that moment.
 */
public record Trust(int score, Level level, List<Reason> reasons) {

    public enum Level { UNVERIFIED, NORMAL, TRUSTED }

    /** Why: a code and its figures, e.g. {@code BUSY_ADDRESS} with {@code count=40, minutes=5}. */
    public record Reason(String code, @JsonIgnore Map<String, Integer> figures) {

        @JsonAnyGetter
        public Map<String, Integer> json() {
            return figures;
        }

        /** Stored as {@code CODE;name=value;...}. */
        String stored() {
            StringBuilder text = new StringBuilder(code);
            figures.forEach((name, value) -> text.append(';').append(name).append('=').append(value));
            return text.toString();
        }

        static Reason parse(String stored) {
            String[] parts = stored.split(";");
            Map<String, Integer> figures = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq > 0) {
                    try {
                        figures.put(parts[i].substring(0, eq), Integer.valueOf(parts[i].substring(eq + 1)));
                    } catch (NumberFormatException e) {
                        // a figure this version cannot read is left out
                    }
                }
            }
            return new Reason(parts[0], Map.copyOf(figures));
        }
    }

    /** What the assessment reads: the source's recent volume and the device's age, record and last position. */
    public record Facts(long reportsFromSourceIn5Min, Long deviceAgeMinutes, long deviceFalseAlarms,
                        long deviceConfirmed, Long kmFromDevicesLastReport, Long minutesSinceDevicesLastReport) {
    }

    static final int UNVERIFIED_BELOW = 40;
    static final int TRUSTED_FROM = 70;

    static Trust assess(Facts facts) {
        int score = 50;
        List<Reason> reasons = new ArrayList<>();
        if (facts.deviceAgeMinutes() == null) {
            score -= 10;
            reasons.add(new Reason("NO_DEVICE", Map.of()));
        } else {
            long age = facts.deviceAgeMinutes();
            if (age < 10) {
                score -= 10;
                reasons.add(new Reason("NEW_DEVICE", Map.of("minutes", (int) age)));
            } else if (age >= 7 * 24 * 60) {
                score += 15;
            } else {
                score += 5;
            }
            if (facts.deviceConfirmed() > 0) {
                score += (int) Math.min(30, 15 * facts.deviceConfirmed());
                reasons.add(new Reason("DEVICE_CONFIRMED", Map.of("count", clamp(facts.deviceConfirmed()))));
            }
            if (facts.deviceFalseAlarms() > 0) {
                score -= (int) Math.min(50, 25 * facts.deviceFalseAlarms());
                reasons.add(new Reason("DEVICE_FALSE_ALARMS", Map.of("count", clamp(facts.deviceFalseAlarms()))));
            }
            if (facts.kmFromDevicesLastReport() != null && facts.kmFromDevicesLastReport() >= 50) {
                score -= 25;
                reasons.add(new Reason("FAR_FROM_DEVICE", Map.of("km", clamp(facts.kmFromDevicesLastReport()),
                        "minutes", clamp(facts.minutesSinceDevicesLastReport()))));
            }
        }
        long volume = facts.reportsFromSourceIn5Min() + 1;
        if (volume >= 10) {
            score -= 30;
            reasons.add(new Reason("BUSY_ADDRESS", Map.of("count", clamp(volume), "minutes", 5)));
        } else if (volume >= 4) {
            score -= 10;
            reasons.add(new Reason("BUSY_ADDRESS", Map.of("count", clamp(volume), "minutes", 5)));
        }
        return of(Math.max(0, Math.min(100, score)), reasons);
    }

    /**
     * A registered building's fire-alarm transmitter: its position is known and it does not panic, though
     * detectors do raise false alarms (cooking smoke, dust), which the dispatcher confirms by calling the premises.
     */
    public static Trust alarmDevice() {
        return of(80, List.of(new Reason("ALARM_DEVICE", Map.of())));
    }

    static Trust of(int score, List<Reason> reasons) {
        Level level = score < UNVERIFIED_BELOW ? Level.UNVERIFIED : score >= TRUSTED_FROM ? Level.TRUSTED : Level.NORMAL;
        return new Trust(score, level, List.copyOf(reasons));
    }

    /** From the stored columns; null for an incident stored before trust was assessed. */
    static Trust stored(Short score, String[] reasons) {
        if (score == null) {
            return null;
        }
        List<Reason> parsed = new ArrayList<>();
        if (reasons != null) {
            for (String reason : reasons) {
                parsed.add(Reason.parse(reason));
            }
        }
        return of(score, parsed);
    }

    /** Many reports of one incident make it likelier to be real, unless they came from one busy address. */
    static final int MANY_REPORTERS = 3;

    Trust withReports(int reportCount) {
        boolean busy = reasons.stream().anyMatch(r -> r.code().equals("BUSY_ADDRESS"));
        if (reportCount < MANY_REPORTERS || busy) {
            return this;
        }
        List<Reason> more = new ArrayList<>(reasons);
        more.add(new Reason("MANY_REPORTERS", Map.of("count", reportCount)));
        return of(Math.min(100, score + 10 + 5 * Math.min(4, reportCount - MANY_REPORTERS)), more);
    }

    String[] storedReasons() {
        return reasons.stream().map(Reason::stored).toArray(String[]::new);
    }

    private static int clamp(Long value) {
        return value == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }
}
