package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.baochay.common.RequestParams;

/** The citizen-facing read of an incident (the dispatcher side lives under /api/v1/dispatch). */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentQueries incidents;

    IncidentResource(IncidentQueries incidents) {
        this.incidents = incidents;
    }

    @GET
    @Path("/{incidentId}")
    public Uni<IncidentView> get(@PathParam("incidentId") String incidentId) {
        return incidents.citizenView(RequestParams.uuid("incidentId", incidentId));
    }
}
