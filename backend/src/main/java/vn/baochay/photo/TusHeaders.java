package vn.baochay.photo;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** tus asks every answer on an upload to say the protocol version; a version refusal also lists the ones spoken. */
class TusHeaders {

    @ServerResponseFilter
    void tell(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().contains("/photos/uploads")) {
            return;
        }
        response.getHeaders().putSingle("Tus-Resumable", UploadResource.TUS_VERSION);
        if (response.getStatus() == 412) {
            response.getHeaders().putSingle("Tus-Version", UploadResource.TUS_VERSION);
        }
    }
}
