package vn.baochay.premises;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import vn.baochay.account.SignedIn;
import vn.baochay.common.RequestParams;

/** The premises registry: supervisors and admins write, dispatchers read their provinces' premises. */
@Path("/api/v1/dispatch/premises")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PremisesResource {

    private final PremisesService premises;
    private final SignedIn signedIn;

    PremisesResource(PremisesService premises, SignedIn signedIn) {
        this.premises = premises;
        this.signedIn = signedIn;
    }

    public record PremisesList(List<Premises> premises) {
    }

    @GET
    public Uni<PremisesList> list() {
        return premises.list(signedIn.actor()).map(PremisesList::new);
    }

    @GET
    @Path("/{id}")
    public Uni<Premises> get(@PathParam("id") String id) {
        return premises.get(RequestParams.uuid("id", id), signedIn.actor());
    }

    @POST
    public Uni<Response> register(@NotNull @Valid NewPremises body) {
        return premises.register(body, signedIn.actor()).map(p -> Response
                .created(URI.create("/api/v1/dispatch/premises/" + p.id())).entity(p).build());
    }

    @PUT
    @Path("/{id}")
    public Uni<Premises> update(@PathParam("id") String id, @NotNull @Valid NewPremises body) {
        return premises.update(RequestParams.uuid("id", id), body, signedIn.actor());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return premises.delete(RequestParams.uuid("id", id), signedIn.actor())
                .map(ignored -> Response.noContent().build());
    }
}
