package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** How every change to an incident ends: the row written, then its event appended, in one transaction. */
@ApplicationScoped
class IncidentChanges {

    private final IncidentRepository incidents;
    private final EventLogRepository events;

    IncidentChanges(IncidentRepository incidents, EventLogRepository events) {
        this.incidents = incidents;
        this.events = events;
    }

    /**
     * Writes the incident, reads back what the database derived (the province of an incident just
     * opened; one read before already carries it, as it is fixed at open), and appends the event last:
     * the event log's counter row stays locked until commit. Answers the incident as it now stands,
     * which is also what the event carries.
     */
    Uni<IncidentSummary> record(Incident incident, Function<IncidentSummary, IncidentEvent> event) {
        Uni<String> province = incident.province != null
                ? incidents.write().replaceWith(incident.province)
                : incidents.writeAndReadProvince(incident.id());
        return province
                .invoke(derived -> incident.province = derived)
                .map(ignored -> IncidentSummary.of(incident))
                .call(summary -> events.append(event.apply(summary)));
    }
}
