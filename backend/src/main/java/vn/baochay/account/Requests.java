package vn.baochay.account;

import io.vertx.core.http.HttpServerRequest;

/** The address a request came from, for the audit log. */
public final class Requests {

    private Requests() {
    }

    public static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
