package vn.baochay.conversation;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import vn.baochay.common.ClientAddress;
import vn.baochay.common.Detached;
import vn.baochay.common.PlainText;
import vn.baochay.common.RequestParams;

/** A reporter's conversation with the dispatchers of their report (Bearer reportToken). */
@Path("/api/v1/reports/{reportId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class ReportMessageResource {

    private final ConversationService conversation;
    private final ClientAddress addresses;

    ReportMessageResource(ConversationService conversation, ClientAddress addresses) {
        this.conversation = conversation;
        this.addresses = addresses;
    }

    public record NewMessage(@NotNull UUID clientMessageId, @NotBlank @Size(max = 1000) @PlainText String text) {
    }

    /**
     * 201 for a new message, 200 with the same body for a retry with the same clientMessageId and text. A message
     * that has arrived is stored even if the connection drops before the answer ({@link Detached}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> send(@PathParam("reportId") String reportId,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @NotNull @Valid NewMessage message, @Context HttpServerRequest request) {
        UUID report = RequestParams.uuid("reportId", reportId);
        return Detached.run(conversation.reporterWrites(report, authorization, message.clientMessageId(),
                        message.text().strip(), addresses.of(request)))
                .map(outcome -> outcome.created()
                        ? Response.created(URI.create("/api/v1/reports/" + report + "/messages"))
                                .entity(outcome.message()).build()
                        : Response.ok(outcome.message()).build());
    }

    /** Messages after {@code after}; 304 when the conversation has nothing new for that ETag. Messages never change. */
    @GET
    public Uni<Response> list(@PathParam("reportId") String reportId, @QueryParam("after") String after,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID report = RequestParams.uuid("reportId", reportId);
        long from = RequestParams.intInRange("after", after, 0, Integer.MAX_VALUE, 0);
        return conversation.reporterReads(report, authorization, from).map(page -> {
            EntityTag tag = new EntityTag("m" + from + "-" + page.lastSeq());
            if (ifNoneMatch != null && ifNoneMatch.contains(tag.toString())) {
                return Response.notModified(tag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
            }
            return Response.ok(page).tag(tag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
        });
    }
}
