package vn.baochay.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event a transmitter reported, whatever its format: {@code format} ADM-CID or SIA-DCS, {@code code} the event
 * code as the format writes it (Contact ID {@code 110}, SIA {@code FA}), what it means and what condition it is
 * about, and the zone it names (null when none).
 */
public record AlarmEvent(String format, String code, SignalMeaning meaning, SignalMeaning condition, String zone) {

    /** The events of an accepted frame's data; empty when the data is not events in the frame's format (DUH). */
    static Optional<List<AlarmEvent>> of(String token, String data) {
        if (Dc09Frame.ADM_CID.equals(token)) {
            return ContactId.parse(data).map(cid -> List.of(new AlarmEvent(token, "%03d".formatted(cid.eventCode()),
                    cid.meaning(), cid.condition(), cid.zone() == 0 ? null : "%03d".formatted(cid.zone()))));
        }
        if (Dc09Frame.SIA_DCS.equals(token)) {
            return SiaDcs.parse(data).map(sia -> {
                List<AlarmEvent> events = new ArrayList<>();
                sia.events().forEach(e -> events.add(new AlarmEvent(token, e.code(), e.meaning(), e.condition(),
                        e.zone() == null || e.zone().isEmpty() ? null : e.zone())));
                return events;
            });
        }
        return Optional.empty();
    }
}
