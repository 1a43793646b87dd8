package vn.baochay.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.baochay.common.ClientAddress;

/**
 * Security headers on every response of the public port, the console's pages and the API alike.
 * The console's Content-Security-Policy lets only its own scripts and styles run, images come only
 * from itself and the configured tile server, and no other site may frame it (which a {@code <meta>}
 * policy cannot forbid). API responses get a policy that allows nothing at all, and dispatcher data
 * is never stored by caches. HSTS is sent only over TLS (directly, or through a trusted proxy that
 * says so), where it means something.
 */
class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final String consolePolicy;
    private final ClientAddress addresses;

    SecurityHeaders(@ConfigProperty(name = "baochay.console.tile-url") Optional<String> tileUrl,
                    ClientAddress addresses) {
        this.consolePolicy = consolePolicy(tileUrl);
        this.addresses = addresses;
    }

    static String consolePolicy(Optional<String> tileUrl) {
        String tiles = tileUrl.map(SecurityHeaders::origin).map(origin -> " " + origin).orElse("");
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data: blob:" + tiles,
                "connect-src 'self'",
                "font-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    /** The scheme, host and port of a tile URL template ({z}/{x}/{y} and a {s} subdomain allowed). */
    static String origin(String template) {
        String withHost = template.replace("{s}", "a");
        URI uri = URI.create(withHost.replaceAll("\\{[a-z]+}", "0"));
        String host = template.contains("{s}.") ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                : uri.getHost();
        return uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    void install(@Observes Router router) {
        router.route().order(-200).handler(this::headers);
    }

    void headers(RoutingContext context) {
        boolean api = context.request().path().startsWith("/api/");
        boolean secure = addresses.secure(context.request());
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        headers.set("Content-Security-Policy", api ? API_POLICY : consolePolicy);
        if (secure) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        if (api) {
            context.addHeadersEndHandler(ignored -> {
                if (!context.response().headers().contains("Cache-Control")) {
                    context.response().headers().set("Cache-Control", "no-store");
                }
            });
        }
        context.next();
    }
}
