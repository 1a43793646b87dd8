package vn.baochay.report;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Refuses an oversized report before its body is read: a report is a few hundred bytes, and a
 * body of megabytes on this path is a broken client or an attack, not a fire. The size is the
 * Content-Length the server then reads exactly that many bytes of; a body sent without one
 * (chunked) could be of any size, so it is refused with 411 before a byte of it is read.
 */
class ReportBodyLimit {

    private final ReportConfig config;

    ReportBodyLimit(ReportConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    void refuseOversizedReport(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST || !request.path().startsWith("/api/v1/reports")) {
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length == null) {
            throw new Rejection(Reason.LENGTH_REQUIRED, "Send the report with a Content-Length (not chunked); "
                    + "a report is at most " + config.maxBodyBytes() + " bytes");
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > config.maxBodyBytes()) {
            throw new Rejection(Reason.TOO_LARGE, "A report may be at most " + config.maxBodyBytes()
                    + " bytes; this one declared " + length + ". Send photos separately.");
        }
    }
}
