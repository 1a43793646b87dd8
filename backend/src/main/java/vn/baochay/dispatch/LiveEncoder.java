package vn.baochay.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import vn.baochay.common.JsonText;
import vn.baochay.incident.IncidentSummary;
import vn.baochay.incident.LoggedEvent;

/**
 * Writes the live feed's messages (see the console's README). Each event is encoded once, whatever
 * the number of consoles it goes to, together with the provinces that decide who may receive it.
 */
@ApplicationScoped
class LiveEncoder {

    /** An event ready to send: its sequence, the provinces it concerns, and the console message. */
    record Delivery(long seq, List<String> provinces, String message) {
    }

    private final ObjectMapper json;

    LiveEncoder(ObjectMapper json) {
        this.json = json;
    }

    Delivery event(LoggedEvent event) {
        JsonNode payload = JsonText.tree(json, event.payload());
        ObjectNode message = json.createObjectNode();
        message.put("type", "event");
        message.put("seq", event.seq());
        message.put("eventType", event.type());
        message.put("incidentId", event.incidentId());
        message.put("at", event.occurredAt());
        message.set("actor", payload.path("actor").isMissingNode() ? null : payload.get("actor"));
        message.set("incident", payload.path("incident").isMissingNode() ? null : payload.get("incident"));
        message.set("unit", payload.path("unit").isMissingNode() ? null : payload.get("unit"));
        if (payload.hasNonNull("alert")) {
            message.set("alert", payload.get("alert"));
        }
        if (payload.hasNonNull("device")) {
            message.set("device", payload.get("device"));
        }
        List<String> provinces = new ArrayList<>(2);
        if (payload.hasNonNull("alert") || payload.hasNonNull("device")) {
            payload.path("provinces").forEach(p -> provinces.add(p.asText()));
        }
        if (payload.path("incident").hasNonNull("province")) {
            provinces.add(payload.get("incident").get("province").asText());
        }
        if (payload.path("unit").hasNonNull("province")) {
            provinces.add(payload.get("unit").get("province").asText());
        }
        return new Delivery(event.seq(), provinces, JsonText.write(json, message));
    }

    /** The console's starting point; {@code counts} and {@code truncated} say how many there really are. */
    String snapshot(long seq, vn.baochay.incident.OpenIncidents open) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "snapshot");
        message.put("seq", seq);
        message.set("incidents", json.valueToTree(open.incidents()));
        message.set("counts", json.valueToTree(open.counts()));
        message.put("truncated", open.truncated());
        return JsonText.write(json, message);
    }

    String heartbeat(long seq) {
        return "{\"type\":\"heartbeat\",\"seq\":" + seq + "}";
    }
}
