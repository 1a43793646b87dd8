package vn.baochay.report;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import vn.baochay.common.ClientAddress;
import vn.baochay.common.Detached;

@Path("/api/v1/reports")
public class ReportResource {

    private final ReportService reports;
    private final ClientAddress addresses;

    ReportResource(ReportService reports, ClientAddress addresses) {
        this.reports = reports;
        this.addresses = addresses;
    }

    /**
     * 201 with the acceptance once stored; 200 with the same body for a retry of a stored report.
     *
     * <p>Once the whole report has arrived it is taken to the end even if the phone hangs up meanwhile (a 2G
     * connection often drops while it waits; {@link Detached}). The report is then there for the dispatchers
     * whether or not the phone comes back, and its retry gets the stored answer.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@NotNull @Valid NewReport report,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Context HttpServerRequest request) {
        return Detached.run(reports.submit(report, authorization, addresses.of(request))).map(outcome -> outcome.created()
                ? Response.created(URI.create("/api/v1/incidents/" + outcome.accepted().incidentId()))
                        .entity(outcome.accepted()).build()
                : Response.ok(outcome.accepted()).build());
    }
}
