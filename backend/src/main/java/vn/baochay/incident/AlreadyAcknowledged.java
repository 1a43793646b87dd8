package vn.baochay.incident;

import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** Someone acknowledged the incident first: the second dispatcher is told who, and where it stands now. */
public class AlreadyAcknowledged extends Rejection {

    AlreadyAcknowledged(String by, IncidentStatus now) {
        super(Reason.ALREADY_ACKNOWLEDGED, "Already acknowledged by " + by + " (now " + now + ")");
    }
}
