package vn.baochay.web;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stopping without dropping a request and without waiting on sockets. On SIGTERM, before Quarkus's own
 * wait ({@code quarkus.shutdown.delay-enabled}), new requests on the public port are answered 503
 * {@code service-unavailable} with {@code Retry-After: 1} and {@code Connection: close} (a client retries,
 * through the load balancer to another instance: every write is idempotent), and the requests already
 * running may finish, for at most {@code baochay.shutdown.drain-timeout}.
 *
 * <p>Quarkus's own wait counts requests too, but never counts a WebSocket upgrade as finished, even once
 * its socket has closed: after one console had connected, every stop waited out the whole timeout (20.1 s
 * measured). So this class does the waiting, WebSocket upgrades left out (the live consoles are told to
 * reconnect by {@code dispatch.ConsoleRegistry}), and Quarkus's own timeout is left unset.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    private final Duration timeout;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean draining;

    ShutdownDrain(@ConfigProperty(name = "baochay.shutdown.drain-timeout", defaultValue = "PT20S") Duration timeout) {
        this.timeout = timeout;
    }

    void install(@Observes Router router) {
        router.route().order(-300).handler(this::track);
    }

    void track(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (isWebSocketUpgrade(request)) {
            context.next();
            return;
        }
        if (draining) {
            Problem.send(context.response().putHeader("Retry-After", "1").putHeader(HttpHeaders.CONNECTION, "close"),
                    ProblemType.SERVICE_UNAVAILABLE, "This instance is shutting down; retry with the same request.", null);
            return;
        }
        running.incrementAndGet();
        context.addEndHandler(ended -> running.decrementAndGet());
        context.next();
    }

    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Refuses new requests and waits for the running ones, at most the configured timeout. */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        int left = running.get();
        if (left > 0) {
            LOG.infof("Shutting down: waiting for %d request(s) to finish", left);
        }
        while ((left = running.get()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (left > 0) {
            LOG.warnf("Shutting down: %d request(s) still running after %s", left, timeout);
        }
    }
}
