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

@Path("/api/v1/reports")
public class ReportResource {

    private final ReportService reports;
    private final ClientAddress addresses;

    ReportResource(ReportService reports, ClientAddress addresses) {
        this.reports = reports;
        this.addresses = addresses;
    }

    /** 201 with the acceptance once stored; 200 with the same body for a retry of a stored report. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@NotNull @Valid NewReport report,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Context HttpServerRequest request) {
        return reports.submit(report, authorization, addresses.of(request)).map(outcome -> outcome.created()
                ? Response.created(URI.create("/api/v1/incidents/" + outcome.accepted().incidentId()))
                        .entity(outcome.accepted()).build()
                : Response.ok(outcome.accepted()).build());
    }
}
