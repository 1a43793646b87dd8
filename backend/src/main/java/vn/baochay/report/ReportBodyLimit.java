package vn.baochay.report;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Refuses an oversized report before its body is read: a report is a few hundred bytes, and a
 * body of megabytes on this path is a broken client or an attack, not a fire.
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
        long bytes;
        try {
            bytes = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > config.maxBodyBytes()) {
            throw new Rejection(Reason.TOO_LARGE, "A report may be at most " + config.maxBodyBytes()
                    + " bytes; this one declared " + length + ". Send photos separately.");
        }
    }
}
