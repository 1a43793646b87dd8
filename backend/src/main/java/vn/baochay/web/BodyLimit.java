package vn.baochay.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Refuses an oversized JSON body before a byte of it is read. Every JSON body of this API (a report,
 * a device, a message, a dispatcher's action) is small; megabytes of one are a broken client or an
 * attack. The limit is checked on the Content-Length, of which the server then reads exactly that
 * many bytes and no more; a body sent without one (chunked) could be of any size, so it is refused
 * with 411. Photos are not JSON: they have their own limit (baochay.photo.max-bytes) and the
 * server-wide backstop (quarkus.http.limits.max-body-size), counted on the bytes read.
 */
class BodyLimit {

    private final long maxJsonBytes;

    BodyLimit(@ConfigProperty(name = "baochay.http.max-json-bytes", defaultValue = "16384") long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    @ServerRequestFilter(preMatching = true)
    void refuseOversizedJson(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return;
        }
        if (!isJson(request.getHeader("Content-Type"))) {
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length == null && request.getHeader("Transfer-Encoding") == null) {
            return; // HTTP/1.1: no body at all
        }
        if (length == null) {
            throw new Rejection(Reason.LENGTH_REQUIRED, "Send the JSON body with a Content-Length (not chunked); "
                    + "it may be at most " + maxJsonBytes + " bytes");
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > maxJsonBytes) {
            throw new Rejection(Reason.TOO_LARGE, "A JSON body may be at most " + maxJsonBytes
                    + " bytes; this one declared " + length + ". Send photos separately.");
        }
    }

    /** JSON, or no declared type at all (which the JSON endpoints would otherwise try to read). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        int semicolon = type.indexOf(';');
        String base = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return base.equals("application/json") || base.endsWith("+json");
    }
}
