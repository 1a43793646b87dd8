package vn.baochay.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.station.UnitState;

/**
 * A change, appended to {@code incident_events} in the transaction that makes it; the live console,
 * the relay and notifications are all derived from these. Each carries the incident as it stood
 * right after the change ({@code incident}), and who made it ({@code actor}, null for citizens).
 */
public sealed interface IncidentEvent {

    IncidentSummary incident();

    Instant occurredAt();

    String actor();

    default UUID incidentId() {
        return incident() == null ? null : incident().id();
    }

    /** The event type as stored and sent to consoles. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** A first report opened a new incident. */
    record IncidentOpened(UUID reportId, IncidentSummary incident, Instant occurredAt) implements IncidentEvent {
        public String actor() {
            return null;
        }
    }

    /** A further report of the same fire joined the incident; its position may have been refined. */
    record ReportJoined(UUID reportId, IncidentSummary incident, Instant occurredAt) implements IncidentEvent {
        public String actor() {
            return null;
        }
    }

    /**
     * A premises' fire-alarm transmitter signalled again into its open incident (another zone, or the same one
     * again); {@code signalId} is the stored signal.
     */
    record AlarmSignalled(UUID signalId, String zone, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
        public String actor() {
            return null;
        }
    }

    /** The transmitter reported that the fire condition in {@code zone} ended. The incident stays open. */
    record AlarmRestored(UUID signalId, String zone, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
        public String actor() {
            return null;
        }
    }

    /**
     * A fire-alarm transmitter's state changed (fault, silent, back to normal). {@code device} is the device
     * board's entry as it now stands; {@code provinces} (its premises' province) decide which consoles receive
     * it. It concerns no incident.
     */
    record DeviceStateChanged(Object device, List<String> provinces, Instant occurredAt) implements IncidentEvent {
        public String actor() {
            return null;
        }

        @Override
        public IncidentSummary incident() {
            return null;
        }
    }

    record IncidentAcknowledged(String actor, IncidentSummary incident, Instant occurredAt) implements IncidentEvent {
    }

    record UnitsDispatched(String actor, List<UnitState> units, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
    }

    record IncidentStatusChanged(String actor, IncidentStatus from, IncidentStatus to, String reason,
                                 IncidentSummary incident, Instant occurredAt) implements IncidentEvent {
    }

    record NoteAdded(String actor, UUID noteId, String text, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
    }

    /** This incident was merged into another ({@code incident.mergedInto}). */
    record IncidentMerged(String actor, UUID intoIncidentId, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
    }

    /** This incident took in the reports and units of a merged one. */
    record IncidentAbsorbed(String actor, UUID mergedIncidentId, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
    }

    /** A reporter added a photo to one of the incident's reports ({@code hasLocation}: it carries a GPS hint). */
    record PhotoAdded(UUID reportId, UUID photoId, boolean hasLocation, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
        public String actor() {
            return null;
        }
    }

    /**
     * A message in the conversation between the incident's reporters and its dispatchers: from a
     * reporter ({@code reportId} is theirs, {@code actor} null) or from a dispatcher, to one report or,
     * with {@code reportId} null, to every reporter of the incident.
     */
    record MessageSent(String actor, UUID messageId, String from, UUID reportId, String text,
                       IncidentSummary incident, Instant occurredAt) implements IncidentEvent {
    }

    /** A dispatcher read the reporters' messages: none is unread any more. */
    record MessagesRead(String actor, IncidentSummary incident, Instant occurredAt) implements IncidentEvent {
    }

    /** A supervisor moved the incident to another province's dispatchers ({@code from}, {@code to}). */
    record ProvinceReassigned(String actor, String from, String to, String reason, IncidentSummary incident,
                              Instant occurredAt) implements IncidentEvent {
    }

    /** A unit's status changed; {@code incident} is the incident it serves, if any. */
    record UnitStatusChanged(String actor, UnitState unit, IncidentSummary incident, Instant occurredAt)
            implements IncidentEvent {
    }

    /**
     * An area alert was issued, updated or cancelled ({@code change}: AlertIssued, AlertUpdated or
     * AlertCancelled). It shares the log so that consoles receive it in order with everything else,
     * across instances and reconnects, and so that the push relay plans its notifications from it.
     * {@code alert} is the alert as published (the alert feature's view); {@code provinces} decide
     * which consoles receive it. It concerns no incident, though it may name one.
     */
    record AlertChanged(String change, String actor, Object alert, java.util.List<String> provinces,
                        UUID relatedIncidentId, Instant occurredAt) implements IncidentEvent {
        public AlertChanged {
            if (!java.util.Set.of("AlertIssued", "AlertUpdated", "AlertCancelled").contains(change)) {
                throw new IllegalArgumentException("not an alert change: " + change);
            }
        }

        @Override
        public IncidentSummary incident() {
            return null;
        }

        @Override
        public UUID incidentId() {
            return relatedIncidentId;
        }

        @Override
        public String type() {
            return change;
        }
    }
}
