package vn.baochay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.baochay.common.Actor;
import vn.baochay.support.Api;
import vn.baochay.support.Places;
import vn.baochay.support.Reports;

/**
 * A console that stops reading must not make the server hold an ever-growing queue for it; and a
 * socket lives no longer than the access token it was opened with.
 */
@QuarkusTest
class SlowConsoleTest {

    @Inject
    ConsoleRegistry hub;

    @Test
    void consoleThatStopsReadingIsToldToResyncInsteadOfQueueingForever() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        AtomicInteger offered = new AtomicInteger();
        // A connection whose sends never complete, like a console whose network has stalled.
        WebSocketConnection stalled = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "stalled-console";
                    case "sendText" -> {
                        offered.incrementAndGet();
                        yield Uni.createFrom().nothing();
                    }
                    case "close" -> {
                        closed.complete(args == null ? CloseReason.NORMAL : (CloseReason) args[0]);
                        yield Uni.createFrom().voidItem();
                    }
                    case "isOpen" -> !closed.isDone();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "stalled console";
                    default -> null;
                });
        Actor supervisor = new Actor("giamsat", "SUPERVISOR", Set.of(), "127.0.0.1");
        int before = hub.consoleCount();
        java.util.UUID session = vn.baochay.support.Dispatchers.sessionOf(
                vn.baochay.support.Dispatchers.token(vn.baochay.support.Dispatchers.SUPERVISOR));
        hub.connect(stalled, supervisor, session, java.time.Instant.now().plusSeconds(3600), null)
                .await().atMost(Duration.ofSeconds(10));

        // max-queued-per-console is 50 in the test profile.
        for (int i = 0; i < 60 && !closed.isDone(); i++) {
            Api.submit(Reports.at(Places.fresh())).statusCode(201);
        }

        CloseReason reason = closed.get(10, TimeUnit.SECONDS);
        assertThat(reason.getCode()).isEqualTo(4409);
        assertThat(offered.get()).isLessThanOrEqualTo(51);
        assertThat(hub.consoleCount()).isEqualTo(before);
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        WebSocketConnection console = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "expiring-console";
                    case "sendText" -> Uni.createFrom().voidItem();
                    case "close" -> {
                        closed.complete(args == null ? CloseReason.NORMAL : (CloseReason) args[0]);
                        yield Uni.createFrom().voidItem();
                    }
                    case "isOpen" -> !closed.isDone();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "expiring console";
                    default -> null;
                });
        java.util.UUID session = vn.baochay.support.Dispatchers.sessionOf(
                vn.baochay.support.Dispatchers.token(vn.baochay.support.Dispatchers.SUPERVISOR));
        Actor supervisor = new Actor("giamsat", "SUPERVISOR", Set.of(), "127.0.0.1");

        hub.connect(console, supervisor, session, java.time.Instant.now().plusSeconds(2), null)
                .await().atMost(Duration.ofSeconds(10));

        assertThat(closed.isDone()).as("open while its token lasts").isFalse();
        CloseReason reason = closed.get(10, TimeUnit.SECONDS);
        assertThat(reason.getCode()).isEqualTo(4401);
    }
}
