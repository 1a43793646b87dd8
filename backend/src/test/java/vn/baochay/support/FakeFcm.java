package vn.baochay.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for FCM's HTTP v1 endpoint ({@code POST /v1/projects/{project}/messages:send}), which the
 * application's real Firebase Admin SDK talks to in the tests. It records every request as the SDK sent
 * it, and answers per token as a test scripts it: success, UNREGISTERED, UNAVAILABLE or QUOTA_EXCEEDED
 * (with Retry-After), in FCM's own error format.
 */
public final class FakeFcm {

    public enum Answer {
        OK, UNREGISTERED, UNAVAILABLE, QUOTA_EXCEEDED
    }

    /** One request as it arrived: the token, the whole message, the bearer it came with, and when. */
    public record Received(String token, JsonNode message, String authorization, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile FakeFcm running;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile int retryAfterSeconds = 1;

    private FakeFcm() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static synchronized FakeFcm start() throws IOException {
        if (running == null) {
            running = new FakeFcm();
        }
        return running;
    }

    static synchronized void stop() {
        if (running != null) {
            running.server.stop(0);
            running = null;
        }
    }

    /** The stand-in the application under test talks to. */
    public static FakeFcm instance() {
        return running;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers for this token, in order; then success. */
    public void answer(String token, Answer... answers) {
        script.computeIfAbsent(token, t -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    public void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    /** Every request for this token so far, in order of arrival. */
    public List<Received> to(String token) {
        return received.stream().filter(r -> token.equals(r.token())).toList();
    }

    /** Waits until this token has had at least {@code count} requests; answers them all. */
    public List<Received> await(String token, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (to(token).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Received> got = to(token);
        if (got.size() < count) {
            throw new AssertionError("FCM got " + got.size() + " requests for " + token + " within " + timeout
                    + ", expected " + count + ": " + got);
        }
        return got;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            JsonNode message = body.path("message");
            // A message to a topic is filed under "/topics/<name>", as FCM's legacy addressing wrote it.
            String token = message.hasNonNull("topic") ? "/topics/" + message.get("topic").asText()
                    : message.path("token").asText();
            received.add(new Received(token, message, exchange.getRequestHeaders().getFirst("Authorization"),
                    Instant.now()));
            Deque<Answer> answers = script.get(token);
            Answer answer = answers == null || answers.isEmpty() ? Answer.OK : answers.poll();
            switch (answer) {
                case OK -> reply(exchange, 200, "{\"name\":\"projects/baochay-test/messages/" + ids.incrementAndGet() + "\"}");
                case UNREGISTERED -> reply(exchange, 404, error(404, "NOT_FOUND", "Requested entity was not found.",
                        "UNREGISTERED"));
                case UNAVAILABLE -> {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    reply(exchange, 503, error(503, "UNAVAILABLE", "The service is currently unavailable.",
                            "UNAVAILABLE"));
                }
                case QUOTA_EXCEEDED -> {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    reply(exchange, 429, error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for this device.",
                            "QUOTA_EXCEEDED"));
                }
            }
        }
    }

    private static String error(int code, String status, String message, String fcmCode) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\","
                + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\""
                + fcmCode + "\"}]}}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** All requests, for diagnostics. */
    public List<Received> all() {
        return new ArrayList<>(received);
    }
}
