package vn.baochay.guidance;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import vn.baochay.common.NotFound;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Safety guidance for the citizen app: what to do now in a fire, a flood, an earthquake. Built for
 * phones that are offline when it matters: the app keeps the bundle, revalidates it with its ETag
 * (a 304 costs a few hundred bytes on 2G), and caches may serve it for a day stale, a month if the
 * server cannot be reached. Answered from memory (see {@link GuidanceLibrary}), on the event loop.
 */
@Path("/api/v1/guidance")
@Produces(MediaType.APPLICATION_JSON)
public class GuidanceResource {

    static final String CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400, stale-if-error=2592000";

    private final GuidanceLibrary guidance;

    GuidanceResource(GuidanceLibrary guidance) {
        this.guidance = guidance;
    }

    @GET
    @NonBlocking
    public Response index(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Language language = Language.of(lang);
        return answer(guidance.index(language), language, headers);
    }

    @GET
    @Path("/bundle")
    @NonBlocking
    public Response bundle(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Language language = Language.of(lang);
        return answer(guidance.bundle(language), language, headers);
    }

    @GET
    @Path("/{id}")
    @NonBlocking
    public Response topic(@PathParam("id") String id, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Language language = Language.of(lang);
        if (!GuidanceFile.ID.matcher(id).matches()) {
            throw new Rejection(Reason.NOT_FOUND, "No such guidance topic");
        }
        GuidanceLibrary.Document topic = guidance.topic(id, language)
                .orElseThrow(() -> new NotFound("guidance topic", id));
        return answer(topic, language, headers);
    }

    private static Response answer(GuidanceLibrary.Document document, Language language, HttpHeaders headers) {
        List<String> ifNoneMatch = headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH);
        boolean unchanged = ifNoneMatch != null && !ifNoneMatch.isEmpty()
                && EntityTags.matches(String.join(",", ifNoneMatch), document.etag());
        Response.ResponseBuilder response = unchanged ? Response.notModified()
                : Response.ok(document.body(), MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, document.etag())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
                .build();
    }
}
