package vn.baochay.incident;

import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** The incident's status does not allow what was asked (see {@link IncidentStateMachine}). */
public class IllegalTransition extends Rejection {

    IllegalTransition(String detail) {
        super(Reason.ILLEGAL_TRANSITION, detail);
    }

    static IllegalTransition between(IncidentStatus from, IncidentStatus to) {
        return new IllegalTransition("An incident that is " + from + " cannot become " + to);
    }
}
