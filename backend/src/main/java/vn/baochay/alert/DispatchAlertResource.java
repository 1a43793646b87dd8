package vn.baochay.alert;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.account.SignedIn;
import vn.baochay.common.PlainText;
import vn.baochay.common.RequestParams;

/** Dispatchers issue, update and cancel area alerts; jurisdiction is checked in the service. */
@Path("/api/v1/dispatch/alerts")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DispatchAlertResource {

    private final AlertService alerts;
    private final SignedIn signedIn;

    DispatchAlertResource(AlertService alerts, SignedIn signedIn) {
        this.alerts = alerts;
        this.signedIn = signedIn;
    }

    /** An alert as a dispatcher writes it; {@code revision} (on update) is the one being replaced. */
    public record AlertBody(@NotNull AlertKind event,
                            @NotNull @Pattern(regexp = "Extreme|Severe|Moderate|Minor",
                                    message = "must be Extreme, Severe, Moderate or Minor") String severity,
                            @NotNull @Pattern(regexp = "Immediate|Expected|Future",
                                    message = "must be Immediate, Expected or Future") String urgency,
                            @NotNull @Pattern(regexp = "Observed|Likely|Possible",
                                    message = "must be Observed, Likely or Possible") String certainty,
                            @NotNull @Valid Texts.Headline headline, @NotNull @Valid Texts.Instruction instruction,
                            @NotNull @Valid AlertArea area, @NotNull Instant expiresAt, UUID incidentId,
                            @Positive Integer revision) {
        AlertService.Draft draft() {
            return new AlertService.Draft(event, severity, urgency, certainty, headline.texts(), instruction.texts(),
                    area, expiresAt, incidentId);
        }
    }

    public record Cancellation(@NotNull @Positive Integer revision, @Size(max = 500) @PlainText String reason) {
    }

    public record Alerts(List<Alert.ForDispatch> alerts) {
    }

    @GET
    public Uni<Alerts> list() {
        return alerts.forConsole(signedIn.actor()).map(Alerts::new);
    }

    @POST
    public Uni<Response> issue(@NotNull @Valid AlertBody body) {
        return alerts.issue(body.draft(), signedIn.actor())
                .map(alert -> Response.created(URI.create("/api/v1/alerts/" + alert.id() + ".cap")).entity(alert).build());
    }

    @PUT
    @Path("/{id}")
    public Uni<Alert.ForDispatch> update(@PathParam("id") String id, @NotNull @Valid AlertBody body) {
        if (body.revision() == null) {
            throw vn.baochay.common.Rejection.invalid("revision", "must be the revision being replaced");
        }
        return alerts.update(RequestParams.uuid("id", id), body.revision(), body.draft(), signedIn.actor());
    }

    @POST
    @Path("/{id}/cancel")
    public Uni<Alert.ForDispatch> cancel(@PathParam("id") String id, @NotNull @Valid Cancellation body) {
        String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        return alerts.cancel(RequestParams.uuid("id", id), body.revision(), reason, signedIn.actor());
    }
}
