package vn.baochay.incident;

import java.util.UUID;
import vn.baochay.common.Actor;
import vn.baochay.common.NotFound;
import vn.baochay.common.OutOfJurisdiction;

/** Whether a dispatcher may see and act on an incident: it must exist and lie in their provinces. */
final class Jurisdiction {

    private Jurisdiction() {
    }

    static Incident visible(Incident incident, UUID incidentId, Actor actor) {
        if (incident == null) {
            throw new NotFound("incident", incidentId);
        }
        if (!actor.covers(incident.province())) {
            throw new OutOfJurisdiction("Incident " + incidentId + " is outside your provinces " + actor.provinces());
        }
        return incident;
    }
}
