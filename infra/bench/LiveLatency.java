import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report-to-console latency: a supervisor's console is connected to CONSOLE_URL's live feed; reports
 * are posted to REPORT_URL (the same or another instance); for each, the time from sending the POST to
 * the console receiving its IncidentOpened event. Each run uses its own area (REGION 0..8), so its reports
 * open new incidents rather than join those of an earlier run.
 * Run: java LiveLatency.java REPORT_URL CONSOLE_URL N CONCURRENCY REGION
 */
public class LiveLatency {

    private static final Pattern INCIDENT_ID = Pattern.compile("\"incidentId\":\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"(token|ticket)\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String reportUrl = args[0];
        String consoleUrl = args[1];
        int n = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        // Each run its own rows in the Central Highlands (inside the service area), so runs never merge.
        double baseLat = 11.9 + 0.6 * Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String token = field(post(http, consoleUrl + "/api/v1/dispatch/login", null,
                "{\"username\":\"giamsat\",\"password\":\"giamsat114\"}"), TOKEN);
        String ticket = field(post(http, consoleUrl + "/api/v1/dispatch/live-ticket", token, ""), TOKEN);

        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        CompletableFuture<Void> snapshot = new CompletableFuture<>();
        http.newWebSocketBuilder().buildAsync(URI.create(consoleUrl.replace("http", "ws")
                + "/api/v1/dispatch/live?ticket=" + ticket), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String message = partial.toString();
                    partial.setLength(0);
                    long now = System.nanoTime();
                    if (message.startsWith("{\"type\":\"snapshot\"")) {
                        snapshot.complete(null);
                    } else if (message.contains("\"eventType\":\"IncidentOpened\"")) {
                        Matcher m = INCIDENT_ID.matcher(message);
                        if (m.find()) {
                            arrived.put(m.group(1), now);
                            CompletableFuture<Long> f = waiting.get(m.group(1));
                            if (f != null) {
                                f.complete(now);
                            }
                        }
                    }
                }
                socket.request(1);
                return null;
            }
        }).join();
        snapshot.get(10, TimeUnit.SECONDS);

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Double> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(CompletableFuture.runAsync(() -> {
                // Fires 2 km apart on a grid: every report opens an incident.
                double lat = baseLat + (k / 40) * 0.02;
                double lon = 107.65 + (k % 40) * 0.02;
                long sent = System.nanoTime();
                String body = post(http, reportUrl + "/api/v1/reports", null, "{\"clientReportId\":\"" + UUID.randomUUID()
                        + "\",\"location\":{\"lat\":" + lat + ",\"lon\":" + lon + ",\"accuracyM\":20}}");
                String incidentId = field(body, INCIDENT_ID);
                CompletableFuture<Long> f = waiting.computeIfAbsent(incidentId, id -> new CompletableFuture<>());
                Long early = arrived.get(incidentId);
                if (early != null) {
                    f.complete(early);
                }
                try {
                    latenciesMs.add((f.get(30, TimeUnit.SECONDS) - sent) / 1e6);
                } catch (Exception e) {
                    throw new IllegalStateException("No live event for " + incidentId + " within 30 s", e);
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        System.out.printf("reports=%d concurrency=%d throughput=%.0f/s p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                sorted.size(), concurrency, sorted.size() / seconds, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.get(sorted.size() - 1));
        System.exit(0);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String post(HttpClient http, String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(url + " failed", e);
        }
    }

    private static String field(String body, Pattern pattern) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("Unexpected answer: " + body);
        }
        return m.group(m.groupCount());
    }
}
