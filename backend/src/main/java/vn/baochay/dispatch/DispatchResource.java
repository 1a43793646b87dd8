package vn.baochay.dispatch;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import vn.baochay.account.SignedIn;
import vn.baochay.common.Actor;
import vn.baochay.common.PlainText;
import vn.baochay.common.RequestParams;
import vn.baochay.incident.IncidentFilter;
import vn.baochay.incident.IncidentPage;
import vn.baochay.incident.IncidentStatus;
import vn.baochay.station.StationPlace;
import vn.baochay.station.UnitState;
import vn.baochay.station.UnitStatus;

/** The dispatchers' API. Every call needs a token from /login; jurisdiction is checked in the services. */
@Path("/api/v1/dispatch")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DispatchResource {

    private final DispatchService dispatch;
    private final SignedIn signedIn;
    private final ConsoleConfig console;

    DispatchResource(DispatchService dispatch, SignedIn signedIn, ConsoleConfig console) {
        this.dispatch = dispatch;
        this.signedIn = signedIn;
        this.console = console;
    }

    public record Versioned(@NotNull @PositiveOrZero Long version) {
    }

    public record DispatchUnits(@NotNull @PositiveOrZero Long version, @NotEmpty @Size(max = 50) List<@NotBlank String> unitIds) {
    }

    public record StatusChange(@NotNull @PositiveOrZero Long version, @NotNull IncidentStatus status,
                               @Size(max = 500) @PlainText String reason) {
    }

    public record NewNote(@NotBlank @Size(max = 2000) @PlainText String text) {
    }

    public record ProvinceChange(@NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 60) String province,
                                 @Size(max = 500) @PlainText String reason) {
    }



    public record Merge(@NotNull @PositiveOrZero Long version, @NotNull UUID intoIncidentId) {
    }

    public record UnitStatusChange(@NotNull UnitStatus status) {
    }

    @GET
    @Path("/config")
    public ConsoleConfig.View config() {
        return console.view();
    }

    @GET
    @Path("/incidents")
    public Uni<IncidentPage> list(@QueryParam("status") String status, @QueryParam("province") String province,
                                  @QueryParam("since") String since, @QueryParam("page") String page,
                                  @QueryParam("size") String size, @Context HttpServerRequest request) {
        IncidentFilter filter = new IncidentFilter(
                RequestParams.enumSet("status", status, IncidentStatus.class, IncidentStatus.OPEN),
                RequestParams.text(province), RequestParams.dateTime("since", since),
                RequestParams.intInRange("page", page, 0, 10_000, 0), RequestParams.intInRange("size", size, 1, 200, 50));
        return dispatch.list(filter, actor(request));
    }

    @GET
    @Path("/incidents/{id}")
    public Uni<IncidentDetail> detail(@PathParam("id") String id, @Context HttpServerRequest request) {
        return dispatch.detail(RequestParams.uuid("id", id), actor(request));
    }

    @POST
    @Path("/incidents/{id}/acknowledge")
    public Uni<IncidentDetail> acknowledge(@PathParam("id") String id, @NotNull @Valid Versioned body,
                                           @Context HttpServerRequest request) {
        return dispatch.acknowledge(RequestParams.uuid("id", id), body.version(), actor(request));
    }

    @POST
    @Path("/incidents/{id}/dispatch")
    public Uni<IncidentDetail> dispatchUnits(@PathParam("id") String id, @NotNull @Valid DispatchUnits body,
                                             @Context HttpServerRequest request) {
        return dispatch.dispatch(RequestParams.uuid("id", id), body.version(), body.unitIds(), actor(request));
    }

    @POST
    @Path("/incidents/{id}/status")
    public Uni<IncidentDetail> status(@PathParam("id") String id, @NotNull @Valid StatusChange body,
                                      @Context HttpServerRequest request) {
        return dispatch.changeStatus(RequestParams.uuid("id", id), body.version(), body.status(), body.reason(),
                actor(request));
    }

    @GET
    @Path("/incidents/counts")
    public Uni<vn.baochay.incident.OpenIncidents.Counts> counts(@Context HttpServerRequest request) {
        return dispatch.openCounts(actor(request));
    }

    /** Supervisors only: gives the incident to another province's dispatchers. */
    @POST
    @Path("/incidents/{id}/province")
    public Uni<IncidentDetail> province(@PathParam("id") String id, @NotNull @Valid ProvinceChange body,
                                        @Context HttpServerRequest request) {
        return dispatch.reassignProvince(RequestParams.uuid("id", id), body.version(), body.province().strip(),
                body.reason(), actor(request));
    }

    @POST
    @Path("/incidents/{id}/notes")
    public Uni<IncidentDetail> note(@PathParam("id") String id, @NotNull @Valid NewNote body,
                                    @Context HttpServerRequest request) {
        return dispatch.addNote(RequestParams.uuid("id", id), body.text().strip(), actor(request));
    }

    @POST
    @Path("/incidents/{id}/merge")
    public Uni<IncidentDetail> merge(@PathParam("id") String id, @NotNull @Valid Merge body,
                                     @Context HttpServerRequest request) {
        return dispatch.merge(RequestParams.uuid("id", id), body.version(), body.intoIncidentId(), actor(request));
    }

    @GET
    @Path("/units")
    public Uni<List<UnitState>> units(@Context HttpServerRequest request) {
        return dispatch.unitBoard(actor(request));
    }

    @POST
    @Path("/units/{unitId}/status")
    public Uni<UnitState> unitStatus(@PathParam("unitId") String unitId, @NotNull @Valid UnitStatusChange body,
                                     @Context HttpServerRequest request) {
        return dispatch.changeUnitStatus(unitId, body.status(), actor(request));
    }

    @GET
    @Path("/stations")
    public Uni<List<StationPlace>> stations(@Context HttpServerRequest request) {
        return dispatch.stations(actor(request));
    }

    /** The acting dispatcher as the session check found them (the request is not needed any more). */
    private Actor actor(HttpServerRequest request) {
        return signedIn.actor();
    }
}
