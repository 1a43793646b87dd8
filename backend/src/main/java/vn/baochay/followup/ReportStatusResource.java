package vn.baochay.followup;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;
import vn.baochay.common.RequestParams;
import vn.baochay.common.Secrets;

/**
 * {@code GET /api/v1/reports/{reportId}} (Bearer reportToken): the reporter's own view. Cheap to poll
 * on 2G: the same view again answers 304 to its ETag.
 */
@Path("/api/v1/reports/{reportId}")
@Produces(MediaType.APPLICATION_JSON)
public class ReportStatusResource {

    private final ReportStatusService status;

    ReportStatusResource(ReportStatusService status) {
        this.status = status;
    }

    @GET
    public Uni<Response> get(@PathParam("reportId") String reportId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String language = acceptLanguage != null && acceptLanguage.strip().toLowerCase(java.util.Locale.ROOT)
                .startsWith("en") ? "en" : "vi";
        return status.of(RequestParams.uuid("reportId", reportId), authorization, language).map(view -> {
            EntityTag tag = new EntityTag(HexFormat.of().formatHex(Secrets.sha256(view.toString())).substring(0, 32));
            Response.ResponseBuilder answer = ifNoneMatch != null && ifNoneMatch.contains(tag.toString())
                    ? Response.notModified(tag) : Response.ok(view).tag(tag);
            return answer.header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .build();
        });
    }
}
