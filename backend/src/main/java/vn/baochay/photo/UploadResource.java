package vn.baochay.photo;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.ClientAddress;
import vn.baochay.common.RequestParams;

/**
 * Resumable photo uploads speaking tus 1.0.0 (core protocol and the creation extension), for which
 * Android and iOS have maintained client libraries: POST creates, HEAD tells the offset, PATCH
 * appends. Every answer carries {@code Tus-Resumable} ({@link TusHeaders}).
 */
@Path("/api/v1/reports/{reportId}/photos/uploads")
public class UploadResource {

    static final String TUS_VERSION = "1.0.0";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";

    private final UploadService uploads;
    private final PhotoConfig config;
    private final ClientAddress addresses;

    UploadResource(UploadService uploads, PhotoConfig config, ClientAddress addresses) {
        this.uploads = uploads;
        this.config = config;
        this.addresses = addresses;
    }

    @OPTIONS
    public Response options(@PathParam("reportId") String reportId) {
        RequestParams.uuid("reportId", reportId);
        return Response.noContent().header("Tus-Version", TUS_VERSION).header("Tus-Extension", "creation")
                .header("Tus-Max-Size", config.maxBytes()).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(@PathParam("reportId") String reportId,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam("Tus-Resumable") String resumable,
                                @HeaderParam("Upload-Length") String length,
                                @HeaderParam("Upload-Metadata") String metadata,
                                @Context HttpServerRequest request) {
        checkVersion(resumable);
        UUID report = RequestParams.uuid("reportId", reportId);
        long bytes = number("Upload-Length", length);
        UUID clientPhotoId = UploadMetadata.clientPhotoId(metadata);
        return uploads.create(report, authorization, bytes, clientPhotoId, addresses.of(request))
                .map(id -> Response.created(URI.create("/api/v1/reports/" + report + "/photos/uploads/" + id)).build());
    }

    @HEAD
    @Path("/{uploadId}")
    public Uni<Response> offset(@PathParam("reportId") String reportId, @PathParam("uploadId") String uploadId,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam("Tus-Resumable") String resumable) {
        checkVersion(resumable);
        return uploads.progress(RequestParams.uuid("reportId", reportId), authorization,
                        RequestParams.uuid("uploadId", uploadId))
                .map(progress -> Response.ok().header("Upload-Offset", progress.offset())
                        .header("Upload-Length", progress.length()).header("Cache-Control", "no-store").build());
    }

    @PATCH
    @Path("/{uploadId}")
    @Consumes(OFFSET_OCTET_STREAM)
    public Uni<Response> append(@PathParam("reportId") String reportId, @PathParam("uploadId") String uploadId,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam("Tus-Resumable") String resumable,
                                @HeaderParam("Upload-Offset") String offset, byte[] chunk) {
        checkVersion(resumable);
        return uploads.append(RequestParams.uuid("reportId", reportId), authorization,
                        RequestParams.uuid("uploadId", uploadId), number("Upload-Offset", offset),
                        chunk == null ? new byte[0] : chunk)
                .map(progress -> Response.noContent().header("Upload-Offset", progress.offset()).build());
    }

    private static void checkVersion(String resumable) {
        if (!TUS_VERSION.equals(resumable == null ? null : resumable.strip())) {
            throw new Rejection(Reason.UNSUPPORTED_PROTOCOL_VERSION,
                    "Send Tus-Resumable: " + TUS_VERSION + " (the tus version this server speaks)");
        }
    }

    private static long number(String header, String value) {
        try {
            long parsed = Long.parseLong(value == null ? "" : value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Rejection.invalid(header, "must be a whole number of bytes");
    }
}
