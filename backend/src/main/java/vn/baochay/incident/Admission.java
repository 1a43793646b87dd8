package vn.baochay.incident;

import java.util.UUID;

/** Where a report went: the incident it opened or joined, as that incident stood at that moment. */
public record Admission(UUID reportId, UUID incidentId, IncidentStatus status, int reportCount, boolean joined) {
}
