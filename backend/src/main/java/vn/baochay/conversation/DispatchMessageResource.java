package vn.baochay.conversation;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import vn.baochay.account.SignedIn;
import vn.baochay.common.PlainText;
import vn.baochay.common.RequestParams;

/** A dispatcher writes to an incident's reporters (one, or all), and marks their messages read. */
@Path("/api/v1/dispatch/incidents/{id}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DispatchMessageResource {

    private final ConversationService conversation;
    private final SignedIn signedIn;

    DispatchMessageResource(ConversationService conversation, SignedIn signedIn) {
        this.conversation = conversation;
        this.signedIn = signedIn;
    }

    /** {@code reportId} null: to every reporter of the incident. */
    public record NewMessage(@NotBlank @Size(max = 1000) @PlainText String text, UUID reportId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@PathParam("id") String id, @NotNull @Valid NewMessage message,
                              @Context HttpServerRequest request) {
        return conversation.dispatcherWrites(RequestParams.uuid("id", id), message.reportId(), message.text().strip(),
                        signedIn.actor())
                .map(sent -> Response.status(Response.Status.CREATED).entity(sent).build());
    }

    @POST
    @Path("/read")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> read(@PathParam("id") String id, @Context HttpServerRequest request) {
        return conversation.markRead(RequestParams.uuid("id", id), signedIn.actor())
                .replaceWith(Response.noContent().build());
    }
}
