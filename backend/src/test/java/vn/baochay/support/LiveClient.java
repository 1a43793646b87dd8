package vn.baochay.support;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A dispatch console's live connection, as a test drives it: a real WebSocket client. */
public final class LiveClient implements AutoCloseable {

    private final BlockingQueue<JsonPath> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final List<JsonPath> seen = new ArrayList<>();
    private final WebSocket socket;

    private LiveClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(JsonPath.from(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).join();
    }

    /** Connects as this dispatcher (a fresh ticket), from {@code lastSeq} when given. */
    public static LiveClient connect(String dispatcher, Long lastSeq) {
        String ticket = Dispatchers.as(dispatcher).post("/api/v1/dispatch/live-ticket")
                .then().statusCode(200).extract().path("ticket");
        return connectWithTicket(ticket, lastSeq);
    }

    public static LiveClient connectWithTicket(String ticket, Long lastSeq) {
        return connectWithTicket(RestAssured.port, ticket, lastSeq);
    }

    /** Connects to the application listening on {@code port} of this machine. */
    public static LiveClient connectWithTicket(int port, String ticket, Long lastSeq) {
        return new LiveClient(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)),
                uri(port, ticket, lastSeq));
    }

    public static URI uri(String ticket, Long lastSeq) {
        return uri(RestAssured.port, ticket, lastSeq);
    }

    public static URI uri(int port, String ticket, Long lastSeq) {
        return URI.create("ws://localhost:" + port + "/api/v1/dispatch/live?ticket=" + ticket
                + (lastSeq == null ? "" : "&lastSeq=" + lastSeq));
    }

    /** The next message that matches, waiting at most {@code timeout}; earlier ones are kept in {@link #seen()}. */
    public JsonPath await(Predicate<JsonPath> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonPath next = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("No matching live message within " + timeout + "; seen: "
                            + seen.stream().map(JsonPath::prettify).toList());
                }
                seen.add(next);
                if (matching.test(next)) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A matching message already taken, or else the next one to arrive. */
    public JsonPath awaitEver(Predicate<JsonPath> matching, Duration timeout) {
        return seen.stream().filter(matching).findFirst().orElseGet(() -> await(matching, timeout));
    }

    public static Predicate<JsonPath> type(String type) {
        return m -> type.equals(m.getString("type"));
    }

    public static Predicate<JsonPath> event(String eventType, String incidentId) {
        return m -> "event".equals(m.getString("type")) && eventType.equals(m.getString("eventType"))
                && incidentId.equals(m.getString("incidentId"));
    }

    /** Every message taken so far, in order of arrival. */
    public List<JsonPath> seen() {
        return seen;
    }

    /** Sends a message to the server (a console sends only {@code renew}). */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public int awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            } catch (java.util.concurrent.CompletionException e) {
                // The server closed it in the meantime (the client answered its close): closed either way.
                if (!socket.isOutputClosed()) {
                    throw e;
                }
            }
        }
        socket.abort();
    }
}
