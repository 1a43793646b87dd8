package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import vn.baochay.common.ClientAddress;
import vn.baochay.common.Detached;
import vn.baochay.common.RequestParams;

/** A reporter's photos of their report, uploaded whole (Bearer reportToken). Resumable uploads: {@link UploadResource}. */
@Path("/api/v1/reports/{reportId}/photos")
@Produces(MediaType.APPLICATION_JSON)
public class PhotoResource {

    private final PhotoService photos;
    private final ClientAddress addresses;

    PhotoResource(PhotoService photos, ClientAddress addresses) {
        this.photos = photos;
        this.addresses = addresses;
    }

    /**
     * 201 for a new photo, 200 with the same body for a retry with the same bytes. Any Content-Type: the bytes decide.
     * A photo that has arrived whole is stored even if the connection drops before the answer ({@link Detached}).
     */
    @PUT
    @Path("/{clientPhotoId}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> put(@PathParam("reportId") String reportId, @PathParam("clientPhotoId") String clientPhotoId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body,
                             @Context HttpServerRequest request) {
        UUID report = RequestParams.uuid("reportId", reportId);
        UUID clientPhoto = RequestParams.uuid("clientPhotoId", clientPhotoId);
        return Detached.run(photos.put(report, authorization, clientPhoto, body == null ? new byte[0] : body,
                        addresses.of(request)))
                .map(outcome -> outcome.created()
                        ? Response.created(URI.create("/api/v1/reports/" + report + "/photos/" + clientPhoto))
                                .entity(outcome.photo()).build()
                        : Response.ok(outcome.photo()).build());
    }

    @GET
    @Path("/{clientPhotoId}")
    public Uni<PhotoAccepted> get(@PathParam("reportId") String reportId, @PathParam("clientPhotoId") String clientPhotoId,
                                  @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return photos.ofReporter(RequestParams.uuid("reportId", reportId), authorization,
                RequestParams.uuid("clientPhotoId", clientPhotoId));
    }

    @GET
    public Uni<PhotoAccepted.ReportPhotos> list(@PathParam("reportId") String reportId,
                                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return photos.listOfReporter(RequestParams.uuid("reportId", reportId), authorization);
    }
}
