import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: requests arrive at a constant rate whatever the server does, so a slow server
 * cannot slow the load down. Arrival i is due at start + i/rate; a scheduler thread hands it over at
 * that time and never waits for an answer. At most --max-in-flight requests are on the wire at once
 * (like a fixed set of connections); an arrival beyond that waits in a queue, and its wait counts.
 * Every latency is measured from the arrival's due time, not from when it was sent, so queueing in
 * the client or the server is in the figures (no coordinated omission).
 *
 * <p>Targets: {@code reports} (POST /api/v1/reports, each a new report) or {@code stations}
 * (GET /api/v1/stations/nearest). With --consoles N, N supervisor consoles connect to the live feed
 * first (or, with --console-mix, consoles of several accounts, supervisors' and dispatchers'), and the time from each report's due time to each console receiving its IncidentOpened
 * event is measured too (use --spread grid, so that every report opens an incident).
 *
 * <p>Run: java OpenLoop.java --url http://127.0.0.1:8181 --rate 200 --count 10000 --spread fire
 * (see usage()). With --rate 20,100 it runs one step per rate, one after the other, on the same
 * consoles. Prints one JSON object per step on stdout; progress goes to stderr. Bounded: arrivals,
 * then at most --drain seconds for answers, then the next step or the end.
 */
public class OpenLoop {

    /** Where a run's reports are. */
    enum Spread { SCATTERED, FIRE, GRID, POINTS }

    /** The grid of --spread grid: northern Vietnam (Yên Bái to Bắc Kạn), cells ~700 m apart. */
    static final double GRID_LAT0 = 21.9;
    static final double GRID_LON0 = 104.4;
    static final double GRID_STEP = 0.0065;
    static final int GRID_COLUMNS = 230;
    static final int GRID_ROWS = 76;


    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new OpenLoop(o).run();
        System.exit(0);
    }

    private final Options o;
    private final HttpClient http;
    private final ExecutorService callbacks;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<Arrival> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Consoles consoles;

    OpenLoop(Options o) {
        this.o = o;
        this.callbacks = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "openloop-callback");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(callbacks).build();
        this.permits = new Semaphore(o.maxInFlight);
        this.consoles = o.consoles > 0 ? new Consoles() : null;
    }

    /**
     * One rate's run and what it measured. Answers are counted in the step of their arrival, so a late
     * answer to one step never lands in the next.
     */
    static final class Step {
        final double rate;
        final Recorder latency = new Recorder();
        final Recorder service = new Recorder();
        final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger peakInFlight = new AtomicInteger();
        final AtomicInteger peakQueued = new AtomicInteger();
        final AtomicLong finished = new AtomicLong();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger joined = new AtomicInteger();
        final List<String> acceptedIds = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, Consoles.Expected> expected = new ConcurrentHashMap<>();
        final Recorder delivery = new Recorder();
        final AtomicLong delivered = new AtomicLong();
        final AtomicInteger incidents = new AtomicInteger();
        final Map<String, Recorder> deliveryByAccount = new ConcurrentHashMap<>();

        Step(double rate) {
            this.rate = rate;
        }
    }

    record Arrival(Step step, long index, long due) {
    }

    private volatile Step current;
    private long gridNext;

    void run() throws Exception {
        gridNext = o.gridStart;
        if (consoles != null) {
            consoles.connect();
        }
        for (double rate : o.rates) {
            System.out.println(Json.write(step(new Step(rate))));
            System.out.flush();
        }
    }

    private Map<String, Object> step(Step step) throws Exception {
        current = step;
        long total = o.count > 0 ? o.count : Math.max(1, Math.round(step.rate * o.seconds));
        log("%s: %d arrivals at %.1f/s (%.1f s), at most %d in flight", o.label, total, step.rate, total / step.rate,
                o.maxInFlight);
        long periodNanos = Math.round(1e9 / step.rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long lateMax = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lateMax = Math.max(lateMax, System.nanoTime() - due);
            arrive(new Arrival(step, gridNext + i, due));
        }
        gridNext += total;
        long lastDue = start + (total - 1) * periodNanos;
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainSeconds);
        while (step.finished.get() < total && System.nanoTime() < drainEnd) {
            Thread.sleep(20);
        }
        Map<String, Object> consoleResult = consoles == null ? null : consoles.finish(step, drainEnd, total / step.rate);
        double elapsed = (Math.max(System.nanoTime(), lastDue) - start) / 1e9;
        long answered = step.finished.get();
        if (o.ids != null) {
            Files.write(o.ids, new ArrayList<>(step.acceptedIds), StandardCharsets.UTF_8);
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("label", o.label);
        out.put("target", o.target);
        if (o.target.equals("reports")) {
            out.put("spread", o.spread.name().toLowerCase(Locale.ROOT));
        }
        out.put("rate_per_s", step.rate);
        out.put("offered", total);
        out.put("schedule_s", round((lastDue - start) / 1e9 + 1 / step.rate));
        out.put("answered", answered);
        out.put("unanswered_after_drain", total - answered);
        out.put("statuses", counts(step.statuses));
        long ok = step.statuses.entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .mapToLong(e -> e.getValue().get()).sum();
        out.put("errors", total - ok);
        out.put("achieved_per_s", round(ok / Math.max(elapsed, 1e-9)));
        step.latency.summary(out, "");
        out.put("service_p99_ms", step.service.percentileMs(99));
        out.put("max_in_flight", o.maxInFlight);
        out.put("peak_in_flight", step.peakInFlight.get());
        out.put("peak_queued", step.peakQueued.get());
        out.put("scheduler_late_max_ms", round(lateMax / 1e6));
        if (o.target.equals("reports")) {
            out.put("incidents_opened", step.opened.get());
            out.put("reports_joined", step.joined.get());
        }
        if (consoleResult != null) {
            out.put("consoles", consoleResult);
        }
        return out;
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> counters) {
        Map<String, Integer> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void arrive(Arrival arrival) {
        if (permits.tryAcquire()) {
            send(arrival);
        } else {
            queued.add(arrival);
            arrival.step().peakQueued.accumulateAndGet(queued.size(), Math::max);
            drainQueue();
        }
    }

    /** Sends queued arrivals while there is room on the wire (also run after every answer). */
    private void drainQueue() {
        while (!queued.isEmpty() && permits.tryAcquire()) {
            Arrival next = queued.poll();
            if (next == null) {
                permits.release();
                return;
            }
            send(next);
        }
    }

    private void send(Arrival arrival) {
        Step step = arrival.step();
        step.peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        long sent = System.nanoTime();
        UUID clientReportId = UUID.randomUUID();
        HttpRequest request;
        if (o.target.equals("stations")) {
            double[] at = scattered();
            request = HttpRequest.newBuilder(URI.create(String.format(Locale.ROOT,
                            "%s/api/v1/stations/nearest?lat=%.6f&lon=%.6f&limit=3", o.url, at[0], at[1])))
                    .timeout(Duration.ofSeconds(30)).GET().build();
        } else {
            double[] at = position(arrival.index());
            int accuracy = o.spread == Spread.GRID || o.spread == Spread.POINTS ? 20 : ThreadLocalRandom.current().nextInt(5, 61);
            String body = String.format(Locale.ROOT, "{\"clientReportId\":\"%s\",\"location\":{\"lat\":%.6f,\"lon\":%.6f,"
                    + "\"accuracyM\":%d},\"kind\":\"FIRE\",\"description\":\"Cháy nhà, khói đen\","
                    + "\"reporter\":{\"phone\":\"+84912345678\"}}", clientReportId, at[0], at[1], accuracy);
            request = HttpRequest.newBuilder(URI.create(o.url + "/api/v1/reports")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            String status = failure != null ? failureName(failure) : String.valueOf(response.statusCode());
            step.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (failure == null && response.statusCode() / 100 == 2) {
                step.latency.record(now - arrival.due());
                step.service.record(now - sent);
                if (o.target.equals("reports")) {
                    accepted(clientReportId, arrival, response.body());
                }
            }
            inFlight.decrementAndGet();
            step.finished.incrementAndGet();
            permits.release();
            drainQueue();
        });
    }

    private void accepted(UUID clientReportId, Arrival arrival, String body) {
        Step step = arrival.step();
        step.acceptedIds.add(clientReportId.toString());
        boolean joinedExisting = body.contains("\"joinedExistingIncident\":true");
        (joinedExisting ? step.joined : step.opened).incrementAndGet();
        if (consoles != null && !joinedExisting) {
            String incidentId = Json.field(body, "incidentId");
            if (incidentId != null) {
                consoles.expect(step, incidentId, arrival.due());
            }
        }
    }

    private static String failureName(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof java.net.http.HttpTimeoutException ? "timeout" : "error:" + cause.getClass().getSimpleName();
    }

    private double[] position(long index) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (o.spread) {
            case FIRE:
                return new double[] {o.fireLat + (random.nextDouble() - 0.5) * 0.0018,
                        o.fireLon + (random.nextDouble() - 0.5) * 0.0018};
            case GRID:
                long k = index % ((long) GRID_COLUMNS * GRID_ROWS);
                return new double[] {GRID_LAT0 + (k / GRID_COLUMNS) * GRID_STEP, GRID_LON0 + (k % GRID_COLUMNS) * GRID_STEP};
            case POINTS:
                return o.points.get((int) (index % o.points.size()));
            default:
                return scattered();
        }
    }

    /** As intake.lua: three regions wholly inside the service area (Red River delta, Central Highlands, Mekong delta). */
    private static double[] scattered() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (random.nextInt(3)) {
            case 0:
                return new double[] {20.6 + random.nextDouble() * 1.2, 104.6 + random.nextDouble() * 1.9};
            case 1:
                return new double[] {11.9 + random.nextDouble() * 2.5, 107.65 + random.nextDouble() * 1.2};
            default:
                return new double[] {9.4 + random.nextDouble() * 1.3, 105.1 + random.nextDouble() * 1.4};
        }
    }

    /**
     * Consoles on the live feed, in groups of one account each (one log-in per group, a ticket per
     * console), and what they receive: for each incident a report opened, every console's arrival time
     * minus the report's due time. A supervisor's console gets every incident; a dispatcher's only those
     * of their provinces (the log-in answer names them, and the event names the incident's province), so
     * the deliveries expected of a step are, for each incident, the listening consoles whose account
     * covers its province.
     */
    final class Consoles {

        /** An incident a report opened: its due time once the answer is in, its province once an event named it. */
        final class Expected {
            long due;
            volatile String province;
            volatile boolean seen;
            final List<Early> early = new ArrayList<>(1);
        }

        /** An event that came before its report's answer. */
        record Early(Group group, long at) {
        }

        /** The consoles of one account. */
        final class Group {
            final String username;
            final String password;
            final int requested;
            String role;
            List<String> provinces = List.of();
            final AtomicInteger connected = new AtomicInteger();
            final AtomicInteger closed = new AtomicInteger();

            Group(String username, String password, int requested) {
                this.username = username;
                this.password = password;
                this.requested = requested;
            }

            boolean seesAll() {
                return !"DISPATCHER".equals(role);
            }

            boolean covers(String province) {
                return seesAll() || province != null && provinces.contains(province);
            }

            int listening() {
                return connected.get() - closed.get();
            }
        }

        private final List<Group> groups = new ArrayList<>();
        private final Map<String, AtomicInteger> other = new ConcurrentHashMap<>();
        private final List<WebSocket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        private long connectMs;
        private String capped;

        Consoles() {
            for (Options.Account account : o.mix) {
                groups.add(new Group(account.username(), account.password(), account.consoles()));
            }
        }

        int requested() {
            return groups.stream().mapToInt(g -> g.requested).sum();
        }

        int connected() {
            return groups.stream().mapToInt(g -> g.connected.get()).sum();
        }

        int closed() {
            return groups.stream().mapToInt(g -> g.closed.get()).sum();
        }

        void connect() throws Exception {
            long begin = System.nanoTime();
            long deadline = begin + TimeUnit.SECONDS.toNanos(o.connectSeconds);
            Semaphore connecting = new Semaphore(o.connectConcurrency);
            CountDownLatch all = new CountDownLatch(requested());
            AtomicInteger failed = new AtomicInteger();
            outer:
            for (Group group : groups) {
                String answer = post("/api/v1/dispatch/login", null,
                        "{\"username\":\"" + group.username + "\",\"password\":\"" + group.password + "\"}");
                String token = Json.field(answer, "token");
                group.role = Json.field(answer, "role");
                group.provinces = Json.strings(answer, "provinces");
                for (int i = 0; i < group.requested; i++) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !connecting.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                        while (all.getCount() > 0) {
                            all.countDown();
                        }
                        break outer;
                    }
                    CompletableFuture<Void> snapshot = new CompletableFuture<>();
                    String ticket;
                    try {
                        ticket = Json.field(post("/api/v1/dispatch/live-ticket", token, ""), "ticket");
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        connecting.release();
                        all.countDown();
                        continue;
                    }
                    http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                            .buildAsync(URI.create(o.url.replaceFirst("^http", "ws") + "/api/v1/dispatch/live?ticket=" + ticket),
                                    new Listener(group, snapshot))
                            .thenCompose(socket -> {
                                sockets.add(socket);
                                return snapshot;
                            })
                            .orTimeout(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())), TimeUnit.SECONDS)
                            .whenComplete((ok, failure) -> {
                                if (failure == null) {
                                    group.connected.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                }
                                connecting.release();
                                all.countDown();
                            });
                }
            }
            all.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            connectMs = Math.round((System.nanoTime() - begin) / 1e6);
            if (connected() < requested()) {
                capped = String.format(Locale.ROOT, "%d of %d consoles connected within %d s (%d failed)",
                        connected(), requested(), o.connectSeconds, failed.get());
                log("%s: %s", o.label, capped);
            }
            log("%s: %d consoles connected in %d ms", o.label, connected(), connectMs);
        }

        void expect(Step step, String incidentId, long due) {
            step.incidents.incrementAndGet();
            Expected e = step.expected.computeIfAbsent(incidentId, id -> new Expected());
            synchronized (e) {
                e.due = due;
                for (Early early : e.early) {
                    record(step, early.group(), early.at() - due);
                }
                e.early.clear();
            }
        }

        /** An event for an incident of another step (a straggler) waits in this step's map, unmatched. */
        void arrived(Group group, String incidentId, String province, long at) {
            Step step = current;
            if (step == null) {
                return;
            }
            Expected e = step.expected.computeIfAbsent(incidentId, id -> new Expected());
            if (!e.seen) {
                e.province = province;
                e.seen = true;
            }
            synchronized (e) {
                if (e.due != 0) {
                    record(step, group, at - e.due);
                } else if (e.early.size() < 100_000) {
                    e.early.add(new Early(group, at));
                }
            }
        }

        private void record(Step step, Group group, long nanos) {
            step.delivery.record(nanos);
            step.delivered.incrementAndGet();
            if (groups.size() > 1) {
                step.deliveryByAccount.computeIfAbsent(group.username, u -> new Recorder()).record(nanos);
            }
        }

        /**
         * The deliveries this step's incidents owe: each incident to the listening consoles that cover its
         * province. An incident no console has received yet owes only the consoles that see everything.
         */
        private long expectedDeliveries(Step step) {
            long sum = 0;
            for (Map.Entry<String, Expected> entry : step.expected.entrySet()) {
                Expected e = entry.getValue();
                if (e.due == 0) {
                    continue;
                }
                for (Group group : groups) {
                    if (e.seen ? group.covers(e.province) : group.seesAll()) {
                        sum += group.listening();
                    }
                }
            }
            return sum;
        }

        Map<String, Object> finish(Step step, long drainEnd, double scheduleSeconds) throws InterruptedException {
            while (System.nanoTime() < drainEnd && step.delivered.get() < expectedDeliveries(step)) {
                Thread.sleep(20);
            }
            Recorder delivery = step.delivery;
            long delivered = step.delivered.get();
            int incidents = step.incidents.get();
            int listening = connected() - closed();
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("requested", requested());
            out.put("connected", connected());
            out.put("listening", listening);
            out.put("connect_ms", connectMs);
            out.put("incidents", incidents);
            long expectedDeliveries = expectedDeliveries(step);
            out.put("expected_deliveries", expectedDeliveries);
            out.put("delivered", delivered);
            out.put("missed", expectedDeliveries - delivered);
            out.put("deliveries_per_s", round(delivered / Math.max(1e-9, scheduleSeconds)));
            delivery.summary(out, "");
            out.put("closed_so_far", closed());
            out.put("other_messages", counts(other));
            out.put("capped", capped);
            if (groups.size() > 1) {
                Map<String, Object> byAccount = new java.util.LinkedHashMap<>();
                for (Group group : groups) {
                    Map<String, Object> g = new java.util.LinkedHashMap<>();
                    g.put("role", group.role);
                    g.put("provinces", String.join(", ", group.provinces));
                    g.put("requested", group.requested);
                    g.put("listening", group.listening());
                    step.deliveryByAccount.computeIfAbsent(group.username, u -> new Recorder()).summary(g, "");
                    byAccount.put(group.username, g);
                }
                out.put("accounts", byAccount);
            }
            return out;
        }

        /** Keeps only the start of each message: enough for its type, event type, incident id and province. */
        final class Listener implements WebSocket.Listener {
            private final Group group;
            private final CompletableFuture<Void> snapshot;
            private final StringBuilder head = new StringBuilder(HEAD);
            private volatile boolean live;

            static final int HEAD = 1024;

            Listener(Group group, CompletableFuture<Void> snapshot) {
                this.group = group;
                this.snapshot = snapshot;
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                if (head.length() < HEAD) {
                    head.append(data, 0, Math.min(data.length(), HEAD - head.length()));
                }
                if (last) {
                    long now = System.nanoTime();
                    String message = head.toString();
                    head.setLength(0);
                    if (message.startsWith("{\"type\":\"event\"")) {
                        if (message.contains("\"eventType\":\"IncidentOpened\"")) {
                            String id = Json.field(message, "incidentId");
                            if (id != null) {
                                arrived(group, id, Json.field(message, "province"), now);
                            }
                        }
                    } else if (message.startsWith("{\"type\":\"snapshot\"")) {
                        live = true;
                        snapshot.complete(null);
                    } else if (!message.startsWith("{\"type\":\"heartbeat\"")) {
                        String type = Json.field(message, "type");
                        other.computeIfAbsent(type == null ? "unknown" : type, t -> new AtomicInteger()).incrementAndGet();
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                if (live) {
                    group.closed.incrementAndGet();
                }
                snapshot.completeExceptionally(new IOException("closed " + code + " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                if (live) {
                    group.closed.incrementAndGet();
                }
                snapshot.completeExceptionally(error);
            }
        }
    }

    private String post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(o.url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path + " interrupted", e);
        }
    }

    /** Latencies in nanoseconds, kept whole (a few million at most) so that percentiles are exact. */
    static final class Recorder {
        private long[] values = new long[1024];
        private int size;

        synchronized void record(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }

        Double percentileMs(double p) {
            long[] sorted = sorted();
            return sorted.length == 0 ? null : round(sorted[rank(sorted.length, p)] / 1e6);
        }

        void summary(Map<String, Object> out, String prefix) {
            long[] sorted = sorted();
            out.put(prefix + "samples", sorted.length);
            for (double p : new double[] {50, 90, 99, 99.9}) {
                String key = prefix + "p" + (p == 99.9 ? "999" : String.valueOf((int) p)) + "_ms";
                out.put(key, sorted.length == 0 ? null : round(sorted[rank(sorted.length, p)] / 1e6));
            }
            out.put(prefix + "max_ms", sorted.length == 0 ? null : round(sorted[sorted.length - 1] / 1e6));
        }

        /** Nearest-rank percentile. */
        private static int rank(int n, double p) {
            return Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1));
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[openloop] " + format + "%n", args);
    }

    /** Just enough JSON: writing flat maps of numbers, strings, maps and nulls; reading one string field. */
    static final class Json {
        static String write(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder b = new StringBuilder("{");
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (b.length() > 1) {
                        b.append(',');
                    }
                    b.append(write(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
                }
                return b.append('}').toString();
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return "null";
                }
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
            }
            StringBuilder b = new StringBuilder("\"");
            for (char c : String.valueOf(value).toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }

        /** The strings of the first "name":["a","b"] array in a JSON text (empty when there is none). */
        static List<String> strings(String json, String name) {
            String key = "\"" + name + "\":[";
            int start = json.indexOf(key);
            List<String> out = new ArrayList<>();
            if (start < 0) {
                return out;
            }
            int end = json.indexOf(']', start);
            String inside = json.substring(start + key.length(), end < 0 ? json.length() : end);
            for (String item : inside.split(",")) {
                String t = item.strip();
                if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                    out.add(t.substring(1, t.length() - 1));
                }
            }
            return out;
        }

        /** The first "name":"value" string in a JSON text, or null. */
        static String field(String json, String name) {
            String key = "\"" + name + "\":\"";
            int start = json.indexOf(key);
            if (start < 0) {
                return null;
            }
            start += key.length();
            int end = json.indexOf('"', start);
            return end < 0 ? null : json.substring(start, end);
        }
    }

    /** Command-line options; see usage(). */
    static final class Options {
        String url = "http://127.0.0.1:8181";
        String target = "reports";
        Spread spread = Spread.SCATTERED;
        double fireLat = 16.0678;
        double fireLon = 108.2240;
        long gridStart;
        double[] rates = {100};
        double seconds = 30;
        long count;
        int maxInFlight = 256;
        int drainSeconds = 30;
        int consoles;
        int connectSeconds = 120;
        int connectConcurrency = 8;
        String login = "giamsat:giamsat114";
        List<Account> mix = List.of();
        List<double[]> points = List.of();
        Path ids;
        String label = "openloop";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help")) {
                    usage(0);
                }
                if (i + 1 >= args.length) {
                    usage(2);
                }
                String v = args[++i];
                switch (name) {
                    case "--url" -> o.url = v.replaceAll("/+$", "");
                    case "--target" -> o.target = v;
                    case "--spread" -> o.spread = Spread.valueOf(v.toUpperCase(Locale.ROOT));
                    case "--fire" -> {
                        String[] at = v.split(",");
                        o.fireLat = Double.parseDouble(at[0]);
                        o.fireLon = Double.parseDouble(at[1]);
                    }
                    case "--grid-start" -> o.gridStart = Long.parseLong(v);
                    case "--rate" -> o.rates = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
                    case "--seconds" -> o.seconds = Double.parseDouble(v);
                    case "--count" -> o.count = Long.parseLong(v);
                    case "--max-in-flight" -> o.maxInFlight = Integer.parseInt(v);
                    case "--drain" -> o.drainSeconds = Integer.parseInt(v);
                    case "--consoles" -> o.consoles = Integer.parseInt(v);
                    case "--connect-seconds" -> o.connectSeconds = Integer.parseInt(v);
                    case "--connect-concurrency" -> o.connectConcurrency = Integer.parseInt(v);
                    case "--login" -> o.login = v;
                    case "--console-mix" -> o.mix = Account.list(v);
                    case "--points" -> o.points = readPoints(Path.of(v));
                    case "--ids" -> o.ids = Path.of(v);
                    case "--label" -> o.label = v;
                    default -> usage(2);
                }
            }
            if (!o.target.equals("reports") && !o.target.equals("stations") || Arrays.stream(o.rates).anyMatch(r -> r <= 0)) {
                usage(2);
            }
            if (o.spread == Spread.POINTS && o.points.isEmpty()) {
                usage(2);
            }
            if (o.mix.isEmpty() && o.consoles > 0) {
                String[] login = o.login.split(":", 2);
                o.mix = List.of(new Account(login[0], login.length > 1 ? login[1] : "", o.consoles));
            }
            o.consoles = o.mix.stream().mapToInt(Account::consoles).sum();
            return o;
        }

        /** Lines "lat,lon". */
        static List<double[]> readPoints(Path file) {
            try {
                List<double[]> out = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split(",");
                    if (parts.length == 2) {
                        out.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
                    }
                }
                return out;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e, e);
            }
        }

        /** One account's consoles: USER:PASSWORD=N. */
        record Account(String username, String password, int consoles) {
            static List<Account> list(String spec) {
                List<Account> out = new ArrayList<>();
                for (String part : spec.split(",")) {
                    int eq = part.lastIndexOf('=');
                    int colon = part.indexOf(':');
                    if (eq < 0 || colon < 0 || colon > eq) {
                        usage(2);
                    }
                    out.add(new Account(part.substring(0, colon), part.substring(colon + 1, eq),
                            Integer.parseInt(part.substring(eq + 1))));
                }
                return out;
            }
        }

        static void usage(int status) {
            PrintWriter err = new PrintWriter(System.err, true);
            err.println("""
                    java OpenLoop.java [--url URL] [--target reports|stations] [--rate PER_SECOND[,PER_SECOND...]]
                                       [--seconds S | --count N] [--spread scattered|fire|grid|points] [--fire LAT,LON]
                                       [--grid-start INDEX] [--max-in-flight K] [--drain S] [--consoles N]
                                       [--connect-seconds S] [--connect-concurrency K] [--login USER:PASSWORD]
                                       [--console-mix USER:PASSWORD=N[,USER:PASSWORD=N...]]
                                       [--points FILE] [--ids FILE] [--label TEXT]
                      --consoles N with --login: N consoles of one account (a supervisor's by default);
                      --console-mix: consoles of several accounts, e.g. 20 supervisors and 160 of each
                      dispatcher (each dispatcher's console expects only its provinces' incidents).
                      --spread points --points FILE: the reports at the file's points ("lat,lon" lines) in
                      its order, from --grid-start on (run.sh writes a scattered grid over the northern
                      provinces, inside the service area).""");
            System.exit(status);
        }
    }
}
