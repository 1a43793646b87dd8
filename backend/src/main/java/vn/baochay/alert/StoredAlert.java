package vn.baochay.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An alert's latest revision as stored. {@code state} is ACTIVE or CANCELLED; expiry is read against the clock. */
record StoredAlert(UUID id, int revision, String msgType, String state, AlertKind event, String severity,
                   String urgency, String certainty, Texts headline, Texts instruction, AlertArea area,
                   List<String> provinces, UUID incidentId, String issuedBy, Instant issuedAt, String updatedBy,
                   Instant sent, Instant expires, String cancelReason) {

    /** ACTIVE, CANCELLED, or EXPIRED once its expiry has passed. */
    String stateAt(Instant now) {
        return "ACTIVE".equals(state) && !expires.isAfter(now) ? "EXPIRED" : state;
    }
}
