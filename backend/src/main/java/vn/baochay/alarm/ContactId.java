package vn.baochay.alarm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ademco Contact ID event, as DC-09 carries it in {@code ADM-CID} frames: {@code [#acct|]QEEE GG ZZZ}, a
 * qualifier digit, a three-digit event code, a two-digit partition and a three-digit zone (or user) number.
 *
 * @param account   the panel account written in the data, or null when the data names none; when present it is
 *                  the premises' own account even if a shared transmitter sent the frame
 * @param qualifier whether the condition began, ended, or is reported again
 * @param eventCode the three-digit event code, e.g. 110 for a fire alarm
 * @param partition the partition (area) of the panel, 0 when the panel has none
 * @param zone      the zone, or for user events the user number
 */
public record ContactId(String account, Qualifier qualifier, int eventCode, int partition, int zone) {

    private static final Pattern FORMAT = Pattern.compile(
            "(?:#?([0-9A-Za-z]{1,16})?\\|)?([0-9])([0-9]{3}) ([0-9]{2}) ([0-9]{3})");

    /** The first digit of an event. */
    public enum Qualifier {
        /** 1: a new event, the condition has begun. */
        NEW_EVENT,
        /** 3: a restore, the condition has ended. */
        RESTORE,
        /** 6: a previously reported condition that is still present, sent again in a status report. */
        PREVIOUS_EVENT
    }

    /**
     * Reads the data of an {@code ADM-CID} frame; empty when it is not a Contact ID event, which the receiver
     * answers with DUH.
     */
    public static Optional<ContactId> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        Matcher event = FORMAT.matcher(data);
        if (!event.matches()) {
            return Optional.empty();
        }
        Qualifier qualifier = switch (event.group(2)) {
            case "1" -> Qualifier.NEW_EVENT;
            case "3" -> Qualifier.RESTORE;
            case "6" -> Qualifier.PREVIOUS_EVENT;
            default -> null;
        };
        if (qualifier == null) {
            return Optional.empty();
        }
        return Optional.of(new ContactId(event.group(1), qualifier, Integer.parseInt(event.group(3)),
                Integer.parseInt(event.group(4)), Integer.parseInt(event.group(5))));
    }

    /**
     * What the system must do: {@link SignalMeaning#RESTORE} for any restore, otherwise what the event code is
     * about. A previous event counts like a new one, since the condition is still there.
     */
    public SignalMeaning meaning() {
        return qualifier == Qualifier.RESTORE ? SignalMeaning.RESTORE : condition();
    }

    /** What the event code is about, whatever the qualifier: for a restore, the kind of condition that ended. */
    public SignalMeaning condition() {
        return conditionOf(eventCode);
    }

    /**
     * The family of a Contact ID event code: 110–118 fire alarms (fire, smoke, combustion, water flow, heat, pull
     * station, duct, flame, near alarm); 200–299 fire supervisory and 300–399 system troubles (373 fire trouble,
     * 300 system trouble, 301 AC loss, 302 low battery, ...) except the notices that report no trouble (305 system
     * reset, 306 programming changed, 313 engineer reset); 571 fire zone bypassed; test reports and walk tests
     * (601–604, 607, 608, 611–615). Everything else, burglary and open/close included, is not for the fire service.
     */
    static SignalMeaning conditionOf(int eventCode) {
        if (eventCode >= 110 && eventCode <= 118) {
            return SignalMeaning.FIRE_ALARM;
        }
        if (eventCode >= 200 && eventCode <= 399 && eventCode != 305 && eventCode != 306 && eventCode != 313
                || eventCode == 571) {
            return SignalMeaning.FAULT;
        }
        if (eventCode >= 601 && eventCode <= 604 || eventCode == 607 || eventCode == 608
                || eventCode >= 611 && eventCode <= 615) {
            return SignalMeaning.TEST;
        }
        return SignalMeaning.OTHER;
    }
}
