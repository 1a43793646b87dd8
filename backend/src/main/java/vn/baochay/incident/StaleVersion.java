package vn.baochay.incident;

import java.time.Instant;
import java.util.UUID;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** A dispatcher acted on an older view of the incident; they are told who changed it since. */
public class StaleVersion extends Rejection {

    /** The last change a dispatcher made to an incident, when the log has one. */
    record LastChange(String actor, String type, Instant at) {
    }

    StaleVersion(UUID incidentId, long loaded, long current, LastChange last) {
        super(Reason.STALE_VERSION, "Incident " + incidentId + " changed"
                + (last == null ? "" : " by " + last.actor() + " (" + last.type() + " at " + last.at() + ")")
                + " since you loaded version " + loaded + "; it is now version " + current
                + ". Reload it and try again.");
    }
}
