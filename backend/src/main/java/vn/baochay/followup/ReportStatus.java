package vn.baochay.followup;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a citizen's report stands, as its reporter sees it: the incident's status in their words, how
 * many units are coming or there, and their conversation's size. Never another reporter's data, never
 * a dispatcher's name.
 */
public record ReportStatus(UUID reportId, UUID incidentId, CitizenStatus status, String statusText, int unitsOnTheWay,
                           int unitsOnScene, long messageCount, long lastMessageSeq, Instant updatedAt) {
}
