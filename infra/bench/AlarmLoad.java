import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supervised fire-alarm transmitters against the SIA DC-09 receiver. Every transmitter sends a link test (token
 * {@code NULL}) over UDP once per link-test period, the transmitters spread evenly over the period; meanwhile fire
 * alarms (Contact ID new event 110, zone 015) arrive at a constant rate, each from another premises, each over a new
 * TCP connection, as a panel that dials in for one event and hangs up. One supervisor's console is on the live feed,
 * connected (snapshot received) before the first frame. After a warm-up, which sends the same load but counts
 * nothing, it measures:
 * <ul>
 * <li>link test to ACK: from sending the datagram to its ACK arriving;</li>
 * <li>fire alarm to ACK: from just before the frame is written on the connected socket to the answer being read
 * (connecting is not included);</li>
 * <li>fire alarm to console: from the same instant to the console receiving the {@code IncidentOpened} event whose
 * {@code incident.premises.id} is that premises. An ACKed alarm whose incident has not reached the console within
 * --console-timeout seconds counts as missing.</li>
 * </ul>
 * A NAK names no transmitter (DC-09 fixes its account field), so the link tests' NAKs are counted by when they
 * arrive (from the end of the warm-up on); a measured link test with no answer --answer-timeout seconds after the
 * end, NAKs deducted, is lost.
 *
 * <p>Options:
 * <pre>
 *   --url URL              the application, for the console's log-in and live feed (http://127.0.0.1:8181)
 *   --host HOST            the DC-09 receiver's address (127.0.0.1)
 *   --port N               its port, TCP and UDP (7009)
 *   --premises FILE        the transmitters, one "ACCOUNT PREMISES_ID" a line (run.sh writes it from the database):
 *                          as many devices as lines; each fire alarm comes from another one of them
 *   --link-period S        every device's link-test period, in seconds (60)
 *   --alarm-rate R         fire alarms per second, warm-up included (2)
 *   --warmup S             seconds of load before measuring, not counted (10)
 *   --seconds S            seconds measured (30)
 *   --answer-timeout S     how long a fire alarm's connection waits for the receiver's answer, and the link tests'
 *                          answers are waited for after the end (10)
 *   --console-timeout S    how long after its frame an ACKed alarm's incident may take to reach the console (10)
 *   --login USER:PASSWORD  the console's account (giamsat:giamsat114)
 * </pre>
 * Run: java AlarmLoad.java --premises FILE --port 7009. Progress goes to stderr; at the end one line on stdout,
 * {@code BENCH key=value ...}, numbers only (nothing after the {@code =} when there is no sample). Percentiles are
 * nearest-rank. The totals {@code *_total} include the warm-up: the database sees the warm-up's alarms too.
 */
public class AlarmLoad {

    private static final Pattern TOKEN = Pattern.compile("\"(?:token|ticket)\":\"([^\"]+)\"");
    private static final Pattern PREMISES_ID = Pattern.compile("\"premises\":\\{[^}]*?\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern DEVICE_PREMISES = Pattern.compile("\"premisesId\":\"([0-9a-f-]{36})\"");
    private static final Pattern DEVICE_STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Contact ID: 1 new event, 110 fire alarm, partition 01, zone 015. */
    private static final String FIRE_EVENT = "1110 01 015";

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new AlarmLoad(o).run();
        System.exit(0);
    }

    private final Options o;
    private final String[] accounts;
    private final String[] premisesIds;
    private final Map<String, Integer> deviceOfAccount = new HashMap<>();
    private final Set<String> benchPremises = new HashSet<>();
    private final AtomicIntegerArray sequences;
    /** Alarm i comes from device i x stride (mod devices): a different premises each, spread over the list. */
    private final int alarmStride;

    // Link tests: each outstanding one by device and sequence, until its ACK or DUH (which echo both) pairs with it.
    private final Map<Long, Sent> outstanding = new ConcurrentHashMap<>();
    private final Recorder linkLatency = new Recorder();
    private final AtomicLong linkSent = new AtomicLong();
    private final AtomicLong linkAcked = new AtomicLong();
    private final AtomicLong linkUnmatched = new AtomicLong();
    private final AtomicLong linkSentTotal = new AtomicLong();
    private final AtomicLong linkAckedTotal = new AtomicLong();
    private final AtomicLong linkNak = new AtomicLong();
    private final AtomicLong linkDuh = new AtomicLong();
    private final AtomicLong linkOther = new AtomicLong();
    /** NAKs and unreadable answers, warm-up included. */
    private final AtomicLong linkUnpairedTotal = new AtomicLong();

    // Fire alarms.
    private final List<Alarm> alarms = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
    private final AtomicInteger consoleOpened = new AtomicInteger();
    private final Map<String, AtomicInteger> deviceStates = new ConcurrentHashMap<>();
    private final AtomicInteger consoleClosed = new AtomicInteger();

    private volatile long measureFrom;
    private volatile long measureUntil;

    /** A link test on its way: when it was sent, and whether in the measured window. */
    record Sent(long at, boolean measured) {
    }

    /** One fire alarm: its premises, when its frame was written, what came back and when. */
    static final class Alarm {
        final int device;
        final boolean measured;
        volatile long writtenAt;
        volatile long answeredAt;
        volatile String outcome = "pending";

        Alarm(int device, boolean measured) {
            this.device = device;
            this.measured = measured;
        }
    }

    AlarmLoad(Options o) throws IOException {
        this.o = o;
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(o.premises, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("[\\s|,]+");
            if (f.length >= 2) {
                rows.add(f);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(o.premises + " lists no transmitters");
        }
        int n = rows.size();
        accounts = new String[n];
        premisesIds = new String[n];
        for (int i = 0; i < n; i++) {
            accounts[i] = rows.get(i)[0].toUpperCase(Locale.ROOT);
            premisesIds[i] = rows.get(i)[1].toLowerCase(Locale.ROOT);
            deviceOfAccount.put(accounts[i], i);
            benchPremises.add(premisesIds[i]);
        }
        sequences = new AtomicIntegerArray(n);
        int stride = 101;
        while (gcd(stride, n) != 1) {
            stride++;
        }
        alarmStride = stride % n == 0 ? 1 : stride;
        long alarmsNeeded = (long) Math.ceil(o.alarmRate * (o.warmupSeconds + o.seconds));
        if (alarmsNeeded > n) {
            throw new IllegalArgumentException(alarmsNeeded + " fire alarms wanted, each from another premises, but "
                    + o.premises + " lists only " + n);
        }
    }

    void run() throws Exception {
        int n = accounts.length;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        connectConsole(http);
        log("console connected; %d devices, a link test each per %.0f s (%.1f/s over UDP), fire alarms at %.2f/s over TCP;"
                + " %.0f s warm-up, then %.0f s measured", n, o.linkPeriodSeconds, n / o.linkPeriodSeconds, o.alarmRate,
                o.warmupSeconds, o.seconds);

        DatagramSocket udp = new DatagramSocket();
        udp.setSoTimeout(200);
        udp.setReceiveBufferSize(1 << 20);
        InetSocketAddress receiver = new InetSocketAddress(o.host, o.port);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        measureFrom = start + seconds(o.warmupSeconds);
        measureUntil = measureFrom + seconds(o.seconds);

        Thread answers = daemon("udp-answers", () -> readLinkAnswers(udp));
        Thread links = daemon("udp-link-tests", () -> sendLinkTests(udp, receiver, start));
        ExecutorService panels = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "tcp-alarm");
            t.setDaemon(true);
            return t;
        });
        Thread scheduler = daemon("alarm-schedule", () -> scheduleAlarms(panels, receiver, start));
        answers.start();
        links.start();
        scheduler.start();

        boolean announced = false;
        long nextProgress = start + seconds(5);
        while (System.nanoTime() < measureUntil) {
            long now = System.nanoTime();
            if (!announced && now >= measureFrom) {
                announced = true;
                log("warm-up over: measuring for %.0f s", o.seconds);
            }
            if (now >= nextProgress) {
                progress(start);
                nextProgress += seconds(5);
            }
            Thread.sleep(20);
        }
        links.join(TimeUnit.SECONDS.toMillis(5));
        scheduler.join(TimeUnit.SECONDS.toMillis(5));
        panels.shutdown();
        if (!panels.awaitTermination(seconds(o.answerTimeoutSeconds + 10), TimeUnit.NANOSECONDS)) {
            log("some fire alarms' connections were still open %.0f s after the end", o.answerTimeoutSeconds + 10);
        }
        // The console's last incidents, and the last link tests' answers.
        long consoleDeadline = System.nanoTime() + seconds(o.consoleTimeoutSeconds);
        long udpDeadline = measureUntil + seconds(o.answerTimeoutSeconds);
        while (System.nanoTime() < Math.max(consoleDeadline, udpDeadline)) {
            boolean consoleDone = awaitedOnConsole() == 0 || System.nanoTime() >= consoleDeadline;
            boolean udpDone = unansweredLinkTests() == 0 || System.nanoTime() >= udpDeadline;
            if (consoleDone && udpDone) {
                break;
            }
            Thread.sleep(20);
        }
        udp.close();
        progress(start);
        System.out.println(result());
        System.out.flush();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Link tests over UDP

    private void sendLinkTests(DatagramSocket udp, InetSocketAddress receiver, long start) {
        int n = accounts.length;
        double interval = seconds(o.linkPeriodSeconds) / (double) n;
        for (long k = 0; ; k++) {
            long due = start + Math.round(k * interval);
            if (due >= measureUntil) {
                return;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int device = (int) (k % n);
            int seq = nextSequence(device);
            byte[] frame = Frames.linkTest(accounts[device], seq, Instant.now());
            boolean measured = due >= measureFrom;
            outstanding.put(key(device, seq), new Sent(System.nanoTime(), measured));
            if (measured) {
                linkSent.incrementAndGet();
            }
            linkSentTotal.incrementAndGet();
            try {
                udp.send(new DatagramPacket(frame, frame.length, receiver));
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
                log("a link test could not be sent: %s", e);
            }
        }
    }

    private void readLinkAnswers(DatagramSocket udp) {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!udp.isClosed()) {
            try {
                packet.setLength(buffer.length);
                udp.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            Answer answer = Answer.read(Arrays.copyOf(packet.getData(), packet.getLength()));
            boolean counts = now >= measureFrom;
            if (!answer.kind.equals("ACK") && !answer.kind.equals("DUH")) {
                linkUnpairedTotal.incrementAndGet();
            }
            switch (answer.kind) {
                case "ACK" -> linkAnswered(answer, now, true);
                case "DUH" -> linkAnswered(answer, now, false);
                case "NAK" -> count(counts, linkNak);
                default -> count(counts, linkOther);
            }
        }
    }

    private static void count(boolean counts, AtomicLong counter) {
        if (counts) {
            counter.incrementAndGet();
        }
    }

    private void linkAnswered(Answer answer, long now, boolean ack) {
        Integer device = answer.account == null ? null : deviceOfAccount.get(answer.account);
        Sent sent = device == null ? null : outstanding.remove(key(device, answer.sequence));
        if (sent == null) {
            linkUnmatched.incrementAndGet();
            return;
        }
        if (ack) {
            linkAckedTotal.incrementAndGet();
        }
        if (sent.measured()) {
            if (ack) {
                linkAcked.incrementAndGet();
                linkLatency.record(now - sent.at());
            } else {
                linkDuh.incrementAndGet();
            }
        }
    }

    /** Measured link tests with no answer yet, less the NAKs, which name no transmitter to pair with. */
    private long unansweredLinkTests() {
        long waiting = outstanding.values().stream().filter(Sent::measured).count();
        return Math.max(0, waiting - linkNak.get() - linkOther.get());
    }

    private static long key(int device, int sequence) {
        return (long) device << 16 | sequence;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Fire alarms over TCP

    private void scheduleAlarms(ExecutorService panels, InetSocketAddress receiver, long start) {
        double interval = 1e9 / o.alarmRate;
        for (int i = 0; ; i++) {
            long due = start + Math.round(i * interval);
            if (due >= measureUntil) {
                return;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Alarm alarm = new Alarm((int) ((long) i * alarmStride % accounts.length), due >= measureFrom);
            alarms.add(alarm);
            panels.execute(() -> sendAlarm(alarm, receiver));
        }
    }

    private void sendAlarm(Alarm alarm, InetSocketAddress receiver) {
        String account = accounts[alarm.device];
        byte[] frame = Frames.fireAlarm(account, nextSequence(alarm.device), FIRE_EVENT, Instant.now());
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(receiver, 5000);
            socket.setSoTimeout((int) Math.round(o.answerTimeoutSeconds * 1000));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            alarm.writtenAt = System.nanoTime();
            out.write(frame);
            out.flush();
            byte[] answer = readAnswer(in);
            alarm.answeredAt = System.nanoTime();
            Answer read = Answer.read(answer);
            alarm.outcome = switch (read.kind) {
                case "ACK" -> read.account != null && read.account.equals(account) ? "ACK" : "other";
                case "NAK", "DUH" -> read.kind;
                default -> "other";
            };
        } catch (SocketTimeoutException e) {
            alarm.outcome = "timeout";
        } catch (IOException e) {
            alarm.outcome = "error";
            log("fire alarm from %s: %s", account, e);
        }
    }

    /** The receiver's answer: the bytes up to and including its CR. */
    private static byte[] readAnswer(InputStream in) throws IOException {
        byte[] buffer = new byte[2048];
        int length = 0;
        while (length < buffer.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + length + " bytes of an answer");
            }
            buffer[length++] = (byte) b;
            if (b == '\r') {
                return Arrays.copyOf(buffer, length);
            }
        }
        throw new IOException("an answer longer than " + buffer.length + " bytes");
    }

    /** ACKed alarms whose incident the console has not received yet, and may still within the timeout. */
    private long awaitedOnConsole() {
        long now = System.nanoTime();
        synchronized (alarms) {
            return alarms.stream().filter(a -> a.measured && "ACK".equals(a.outcome))
                    .filter(a -> !openedAt.containsKey(premisesIds[a.device]))
                    .filter(a -> now - a.writtenAt < seconds(o.consoleTimeoutSeconds)).count();
        }
    }

    private int nextSequence(int device) {
        return sequences.getAndIncrement(device) % 9999 + 1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The console

    private void connectConsole(HttpClient http) throws Exception {
        String[] login = o.login.split(":", 2);
        String token = field(post(http, "/api/v1/dispatch/login", null,
                "{\"username\":\"" + login[0] + "\",\"password\":\"" + login[1] + "\"}"));
        String ticket = field(post(http, "/api/v1/dispatch/live-ticket", token, ""));
        CompletableFuture<Void> snapshot = new CompletableFuture<>();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(o.url.replaceFirst("^http", "ws") + "/api/v1/dispatch/live?ticket=" + ticket),
                        new Console(snapshot))
                .get(15, TimeUnit.SECONDS);
        snapshot.get(30, TimeUnit.SECONDS);
    }

    /** Keeps the start of each message: enough for the event's type, its premises or its device. */
    final class Console implements WebSocket.Listener {
        private static final int KEEP = 16_384;
        private final CompletableFuture<Void> snapshot;
        private final StringBuilder head = new StringBuilder(1024);

        Console(CompletableFuture<Void> snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (head.length() < KEEP) {
                head.append(data, 0, Math.min(data.length(), KEEP - head.length()));
            }
            if (last) {
                long now = System.nanoTime();
                String message = head.toString();
                head.setLength(0);
                if (message.startsWith("{\"type\":\"event\"")) {
                    event(message, now);
                } else if (message.startsWith("{\"type\":\"snapshot\"")) {
                    snapshot.complete(null);
                }
            }
            socket.request(1);
            return null;
        }

        private void event(String message, long now) {
            if (message.contains("\"eventType\":\"IncidentOpened\"")) {
                Matcher m = PREMISES_ID.matcher(message);
                if (m.find() && benchPremises.contains(m.group(1))) {
                    openedAt.putIfAbsent(m.group(1), now);
                    consoleOpened.incrementAndGet();
                }
            } else if (message.contains("\"eventType\":\"DeviceStateChanged\"")) {
                // The device is the message's last field, its keys in any order.
                int device = message.indexOf("\"device\":{");
                String entry = device < 0 ? "" : message.substring(device);
                Matcher d = DEVICE_PREMISES.matcher(entry);
                Matcher s = DEVICE_STATE.matcher(entry);
                if (d.find() && benchPremises.contains(d.group(1)) && s.find()) {
                    deviceStates.computeIfAbsent(s.group(1), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            consoleClosed.incrementAndGet();
            log("the console's live feed closed: %d %s", code, reason);
            snapshot.completeExceptionally(new IOException("closed " + code + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            consoleClosed.incrementAndGet();
            log("the console's live feed failed: %s", error);
            snapshot.completeExceptionally(error);
        }
    }

    private String post(HttpClient http, String path, String token, String json) {
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

    private static String field(String body) {
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What it prints

    private void progress(long start) {
        long acked;
        synchronized (alarms) {
            acked = alarms.stream().filter(a -> "ACK".equals(a.outcome)).count();
        }
        log("%3.0f s: link tests %d sent, %d ACKed; fire alarms %d sent, %d ACKed; console %d incidents",
                (System.nanoTime() - start) / 1e9, linkSentTotal.get(), linkAckedTotal.get(), alarms.size(), acked,
                consoleOpened.get());
    }

    private String result() {
        Recorder ack = new Recorder();
        Recorder console = new Recorder();
        Map<String, Integer> outcomes = new HashMap<>();
        int measured = 0;
        int missing = 0;
        int sentTotal;
        int ackedTotal = 0;
        synchronized (alarms) {
            sentTotal = alarms.size();
            for (Alarm a : alarms) {
                boolean acked = "ACK".equals(a.outcome);
                if (acked) {
                    ackedTotal++;
                }
                if (!a.measured) {
                    continue;
                }
                measured++;
                outcomes.merge(a.outcome, 1, Integer::sum);
                if (!acked) {
                    continue;
                }
                ack.record(a.answeredAt - a.writtenAt);
                Long at = openedAt.get(premisesIds[a.device]);
                if (at != null && at - a.writtenAt <= seconds(o.consoleTimeoutSeconds)) {
                    console.record(at - a.writtenAt);
                } else {
                    missing++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("devices", accounts.length);
        out.put("link_period_s", o.linkPeriodSeconds);
        out.put("link_sent", linkSent.get());
        out.put("link_acked", linkAcked.get());
        out.put("link_nak", linkNak.get());
        out.put("link_duh", linkDuh.get());
        out.put("link_other", linkOther.get());
        out.put("link_lost", unansweredLinkTests());
        out.put("link_unmatched", linkUnmatched.get());
        linkLatency.summary(out, "link_");
        out.put("alarm_rate_per_s", o.alarmRate);
        out.put("alarms", measured);
        out.put("alarm_acked", outcomes.getOrDefault("ACK", 0));
        out.put("alarm_nak", outcomes.getOrDefault("NAK", 0));
        out.put("alarm_duh", outcomes.getOrDefault("DUH", 0));
        out.put("alarm_timeout", outcomes.getOrDefault("timeout", 0));
        out.put("alarm_error", outcomes.getOrDefault("error", 0) + outcomes.getOrDefault("other", 0)
                + outcomes.getOrDefault("pending", 0));
        ack.summary(out, "alarm_ack_");
        out.put("console_received", console.size());
        console.summary(out, "console_");
        out.put("console_missing", missing);
        out.put("console_closed", consoleClosed.get());
        out.put("console_opened_total", consoleOpened.get());
        out.put("device_normal_events_total", deviceStates.getOrDefault("NORMAL", new AtomicInteger()).get());
        out.put("device_silent_events_total", deviceStates.getOrDefault("SILENT", new AtomicInteger()).get());
        out.put("alarms_sent_total", sentTotal);
        out.put("alarms_acked_total", ackedTotal);
        out.put("link_sent_total", linkSentTotal.get());
        out.put("link_acked_total", linkAckedTotal.get());
        out.put("link_unanswered_total", Math.max(0, outstanding.size() - linkUnpairedTotal.get()));
        out.put("warmup_s", o.warmupSeconds);
        out.put("seconds", o.seconds);
        StringBuilder line = new StringBuilder("BENCH");
        out.forEach((k, v) -> line.append(' ').append(k).append('=').append(number(v)));
        return line.toString();
    }

    private static String number(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(value);
    }

    /** Latencies in nanoseconds, kept whole so that percentiles are exact. */
    static final class Recorder {
        private long[] values = new long[1024];
        private int size;

        synchronized void record(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = nanos;
        }

        synchronized int size() {
            return size;
        }

        /** p50, p90, p99 and max as PREFIXp50_ms ... PREFIXmax_ms; null without samples. */
        void summary(Map<String, Object> out, String prefix) {
            long[] sorted;
            synchronized (this) {
                sorted = Arrays.copyOf(values, size);
            }
            Arrays.sort(sorted);
            for (int p : new int[] {50, 90, 99}) {
                out.put(prefix + "p" + p + "_ms", sorted.length == 0 ? null : ms(sorted[rank(sorted.length, p)]));
            }
            out.put(prefix + "max_ms", sorted.length == 0 ? null : ms(sorted[sorted.length - 1]));
        }

        /** Nearest-rank percentile. */
        private static int rank(int n, double p) {
            return Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1));
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 1e3) / 1000.0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // SIA DC-09 as a transmitter writes and reads it

    /** Frames a transmitter sends: LF, CRC-16/ARC and length of the body (four hex digits each), body, CR. */
    static final class Frames {
        private static final int[] CRC_TABLE = crcTable();

        /** {@code "NULL"ssssL0#ACCT[]_HH:MM:SS,MM-DD-YYYY}: the path from the premises is up. */
        static byte[] linkTest(String account, int sequence, Instant at) {
            return frame(String.format(Locale.ROOT, "\"NULL\"%04dL0#%s[]_%s", sequence, account, STAMP.format(at)));
        }

        /** {@code "ADM-CID"ssssL0#ACCT[#ACCT|EVENT]_HH:MM:SS,MM-DD-YYYY}: one Contact ID event. */
        static byte[] fireAlarm(String account, int sequence, String event, Instant at) {
            return frame(String.format(Locale.ROOT, "\"ADM-CID\"%04dL0#%s[#%s|%s]_%s", sequence, account, account,
                    event, STAMP.format(at)));
        }

        static byte[] frame(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            String framed = String.format(Locale.ROOT, "\n%04X%04X%s\r", crc(bytes, 0, bytes.length), bytes.length, body);
            return framed.getBytes(StandardCharsets.US_ASCII);
        }

        /** CRC-16/ARC: reflected polynomial 0xA001, initial value 0, no final XOR. */
        static int crc(byte[] bytes, int from, int length) {
            int crc = 0;
            for (int i = from; i < from + length; i++) {
                crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ bytes[i]) & 0xFF];
            }
            return crc & 0xFFFF;
        }

        private static int[] crcTable() {
            int[] table = new int[256];
            for (int b = 0; b < 256; b++) {
                int c = b;
                for (int i = 0; i < 8; i++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
                }
                table[b] = c;
            }
            return table;
        }
    }

    /** The receiver's answer as a transmitter checks it: framing, length and CRC, then its token and address. */
    record Answer(String kind, int sequence, String account) {
        private static final Pattern HEADER = Pattern.compile("\"([A-Z*]+)\"(\\d{4})[^#\\[]*(?:#([0-9A-Za-z]+))?\\[");

        static Answer read(byte[] frame) {
            String text = new String(frame, StandardCharsets.ISO_8859_1);
            if (text.length() < 11 || text.charAt(0) != '\n' || text.charAt(text.length() - 1) != '\r') {
                return new Answer("unframed", -1, null);
            }
            int length;
            int crc;
            try {
                crc = Integer.parseInt(text.substring(1, 5), 16);
                length = Integer.parseInt(text.substring(5, 9), 16);
            } catch (NumberFormatException e) {
                return new Answer("unframed", -1, null);
            }
            int bodyLength = frame.length - 10;
            if (length != bodyLength || crc != Frames.crc(frame, 9, bodyLength)) {
                return new Answer("bad-crc-or-length", -1, null);
            }
            Matcher m = HEADER.matcher(text.substring(9, text.length() - 1));
            if (!m.lookingAt()) {
                return new Answer("unreadable", -1, null);
            }
            return new Answer(m.group(1), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? null : m.group(3).toUpperCase(Locale.ROOT));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long seconds(double s) {
        return Math.round(s * 1e9);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[alarmload] " + format + "%n", args);
    }

    /** Command-line options; see the class comment. */
    static final class Options {
        String url = "http://127.0.0.1:8181";
        String host = "127.0.0.1";
        int port = 7009;
        Path premises;
        double linkPeriodSeconds = 60;
        double alarmRate = 2;
        double warmupSeconds = 10;
        double seconds = 30;
        double answerTimeoutSeconds = 10;
        double consoleTimeoutSeconds = 10;
        String login = "giamsat:giamsat114";

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
                    case "--host" -> o.host = v;
                    case "--port" -> o.port = Integer.parseInt(v);
                    case "--premises" -> o.premises = Path.of(v);
                    case "--link-period" -> o.linkPeriodSeconds = Double.parseDouble(v);
                    case "--alarm-rate" -> o.alarmRate = Double.parseDouble(v);
                    case "--warmup" -> o.warmupSeconds = Double.parseDouble(v);
                    case "--seconds" -> o.seconds = Double.parseDouble(v);
                    case "--answer-timeout" -> o.answerTimeoutSeconds = Double.parseDouble(v);
                    case "--console-timeout" -> o.consoleTimeoutSeconds = Double.parseDouble(v);
                    case "--login" -> o.login = v;
                    default -> usage(2);
                }
            }
            if (o.premises == null || o.linkPeriodSeconds <= 0 || o.alarmRate <= 0 || o.seconds <= 0
                    || o.warmupSeconds < 0 || o.answerTimeoutSeconds <= 0 || o.consoleTimeoutSeconds <= 0) {
                usage(2);
            }
            return o;
        }

        static void usage(int status) {
            System.err.println("""
                    java AlarmLoad.java --premises FILE [--url URL] [--host HOST] [--port N] [--link-period S]
                                        [--alarm-rate PER_SECOND] [--warmup S] [--seconds S] [--answer-timeout S]
                                        [--console-timeout S] [--login USER:PASSWORD]""");
            System.exit(status);
        }
    }
}
