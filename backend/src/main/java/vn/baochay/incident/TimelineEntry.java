package vn.baochay.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One line of an incident's history, as data: the event's type and what it changed. The console
 * words it in the dispatcher's language; nothing here is display text except what people typed
 * ({@code text} of a note, {@code reason} of a status change). {@code from}/{@code to} are the
 * statuses of a status change, or for a message {@code from} is who wrote (REPORTER or DISPATCHER);
 * a message's text is not repeated here; {@code zone} is the alarm zone of a transmitter's signal.
 * Fields that do not apply are absent.
 */
public record TimelineEntry(long seq, String type, Instant at, String actor, Integer reportCount,
                            String from, String to, String reason, String text, List<String> units,
                            Unit unit, UUID otherIncidentId, String zone) {

    /** A unit named by a unit-status event, with the status it moved to. */
    public record Unit(String callsign, String status) {
    }

    static TimelineEntry of(LoggedEvent event, JsonNode payload) {
        JsonNode incident = payload.path("incident");
        return new TimelineEntry(event.seq(), event.type(), Instant.parse(event.occurredAt()),
                text(payload, "actor"),
                incident.has("reportCount") ? incident.get("reportCount").asInt() : null,
                text(payload, "from"), text(payload, "to"), text(payload, "reason"), text(payload, "text"),
                callsigns(payload.path("units")),
                payload.hasNonNull("unit")
                        ? new Unit(text(payload.get("unit"), "callsign"), text(payload.get("unit"), "status")) : null,
                otherIncident(payload), text(payload, "zone"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<String> callsigns(JsonNode units) {
        if (!units.isArray()) {
            return null;
        }
        List<String> callsigns = new ArrayList<>();
        units.forEach(u -> callsigns.add(u.path("callsign").asText()));
        return callsigns;
    }

    /** The incident a merge moved this one into, or the one it took in. */
    private static UUID otherIncident(JsonNode payload) {
        String other = text(payload, "intoIncidentId");
        if (other == null) {
            other = text(payload, "mergedIncidentId");
        }
        return other == null ? null : UUID.fromString(other);
    }
}
