package vn.baochay.photo;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import vn.baochay.account.SignedIn;
import vn.baochay.common.Actor;
import vn.baochay.common.RequestParams;
import vn.baochay.common.Rejection;

/**
 * A photo's image for a dispatcher of its incident's province. An image never changes once stored,
 * so it is cached privately for good ({@code immutable}) and revalidated with its ETag.
 */
@Path("/api/v1/dispatch/photos")
@Authenticated
public class DispatchPhotoResource {

    static final String CACHE = "private, max-age=31536000, immutable";

    private final PhotoService photos;
    private final SignedIn signedIn;

    DispatchPhotoResource(PhotoService photos, SignedIn signedIn) {
        this.photos = photos;
        this.signedIn = signedIn;
    }

    @GET
    @Path("/{photoId}")
    public Uni<Response> image(@PathParam("photoId") String photoId, @QueryParam("size") String size,
                               @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                               @Context HttpServerRequest request) {
        UUID id = RequestParams.uuid("photoId", photoId);
        PhotoStore.Variant variant = variant(size);
        Actor actor = signedIn.actor();
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            return photos.etag(id, variant, actor).chain(etag -> matches(ifNoneMatch, etag)
                    ? Uni.createFrom().item(Response.notModified().tag(unquoted(etag)).header("Cache-Control", CACHE).build())
                    : send(id, variant, actor));
        }
        return send(id, variant, actor);
    }

    private Uni<Response> send(UUID id, PhotoStore.Variant variant, Actor actor) {
        return photos.image(id, variant, actor).map(blob -> Response.ok(blob.data(), blob.contentType())
                .tag(unquoted(blob.etag())).header("Cache-Control", CACHE).build());
    }

    private static PhotoStore.Variant variant(String size) {
        if (size == null || size.isBlank() || size.equals("display")) {
            return PhotoStore.Variant.DISPLAY;
        }
        if (size.equals("thumb")) {
            return PhotoStore.Variant.THUMB;
        }
        throw Rejection.invalid("size", "must be thumb or display");
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** JAX-RS quotes an entity tag itself. */
    private static String unquoted(String etag) {
        return etag.substring(1, etag.length() - 1);
    }
}
