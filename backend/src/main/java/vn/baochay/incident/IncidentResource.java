package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.baochay.common.ProblemException;
import vn.baochay.common.ProblemType;
import vn.baochay.common.RequestParams;

/** The citizen-facing read of an incident (the dispatcher side lives under /api/v1/dispatch). */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentService incidents;

    IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @Path("/{incidentId}")
    public Uni<IncidentView> get(@PathParam("incidentId") String incidentId) {
        var id = RequestParams.uuid("incidentId", incidentId);
        return incidents.find(id).onItem().ifNull()
                .failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "No incident " + id));
    }
}
