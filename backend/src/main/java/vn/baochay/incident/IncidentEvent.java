package vn.baochay.incident;

import java.time.Instant;
import java.util.UUID;

/** A change to an incident, appended to {@code incident_events}; everything live is derived from these. */
public sealed interface IncidentEvent {

    UUID incidentId();

    Instant occurredAt();

    /** The event type as stored and sent to consoles. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** A first report opened a new incident. */
    record IncidentOpened(UUID incidentId, UUID reportId, IncidentKind kind, IncidentStatus status,
                          double lat, double lon, Instant occurredAt) implements IncidentEvent {
    }

    /** A further report of the same fire joined the incident; its position may have been refined. */
    record ReportJoined(UUID incidentId, UUID reportId, int reportCount, double lat, double lon,
                        Instant occurredAt) implements IncidentEvent {
    }
}
