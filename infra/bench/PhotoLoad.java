import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Report intake latency with and without photos uploading beside it, open loop: requests leave at a
 * fixed rate whatever the server does, and each latency counts from the moment its request was due,
 * so a slow server cannot hide its queue. Phases: warm-up (not reported), intake alone, intake with
 * photos. Photos are real JPEGs of about PHOTO_KB, each a new photo (its own clientPhotoId) of one of
 * many reports, so every one is decoded, resized and stored.
 * Run: java PhotoLoad.java URL SECONDS_PER_PHASE INTAKE_PER_SECOND PHOTOS_PER_SECOND PHOTO_KB
 */
public class PhotoLoad {

    private static final Pattern FIELD = Pattern.compile("\"(reportId|reportToken)\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Grant(String reportId, String token) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = Integer.parseInt(args[1]);
        int intakeRate = Integer.parseInt(args[2]);
        int photoRate = Integer.parseInt(args[3]);
        byte[] photo = jpegOfAbout(Integer.parseInt(args[4]) * 1024);

        // Reports to attach photos to, six each, far from the intake's area.
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < (photoRate * seconds * 2) / 6 + 2; i++) {
            grants.add(grant(post(url, report(10.0 + i * 0.02, 106.5)).body()));
        }
        System.out.printf("# photo of %d bytes; intake %d/s, photos %d/s, %d s per phase, open loop%n",
                photo.length, intakeRate, photoRate, seconds);

        phase(url, seconds, intakeRate, 0, photo, grants, null);                 // warm-up
        Stats alone = phase(url, seconds, intakeRate, 0, photo, grants, null);
        Stats beside = phase(url, seconds, intakeRate, photoRate, photo, grants, new AtomicInteger());
        print("intake(no photos)", alone.intake, alone.errors);
        print("intake(with photos)", beside.intake, beside.errors);
        print("photos", beside.photos, beside.photoErrors);
        System.out.printf("ratio p99(with photos)/p99(no photos) %.2f%n",
                percentile(beside.intake, 0.99) / percentile(alone.intake, 0.99));
    }

    static final class Stats {
        final List<Double> intake = Collections.synchronizedList(new ArrayList<>());
        final List<Double> photos = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger photoErrors = new AtomicInteger();
    }

    private static int nextGrant;

    static Stats phase(String url, int seconds, int intakeRate, int photoRate, byte[] photo, List<Grant> grants,
                       AtomicInteger used) throws Exception {
        Stats stats = new Stats();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ConcurrentLinkedQueue<java.util.concurrent.CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        Random random = new Random();
        long start = System.nanoTime();
        long intakeEvery = 1_000_000_000L / intakeRate;
        for (long due = 0; due < seconds * 1_000_000_000L; due += intakeEvery) {
            long when = start + due;
            clock.schedule(() -> inFlight.add(timed(HttpRequest.newBuilder(URI.create(url + "/api/v1/reports"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(report(11.9 + random.nextDouble() * 2.5,
                                    107.65 + random.nextDouble() * 1.2)))
                            .build(), when, 201, stats.intake, stats.errors)),
                    when - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        if (photoRate > 0) {
            long photoEvery = 1_000_000_000L / photoRate;
            for (long due = 0; due < seconds * 1_000_000_000L; due += photoEvery) {
                long when = start + due;
                Grant grant = grants.get((nextGrant++ / 6) % grants.size());
                clock.schedule(() -> inFlight.add(timed(HttpRequest.newBuilder(URI.create(url + "/api/v1/reports/"
                                        + grant.reportId() + "/photos/" + UUID.randomUUID()))
                                .header("Content-Type", "image/jpeg")
                                .header("Authorization", "Bearer " + grant.token())
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo))
                                .build(), when, 201, stats.photos, stats.photoErrors)),
                        when - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }
        clock.shutdown();
        clock.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        for (var pending : inFlight) {
            pending.get(60, TimeUnit.SECONDS);
        }
        return stats;
    }

    static java.util.concurrent.CompletableFuture<?> timed(HttpRequest request, long due, int expected,
                                                          List<Double> latencies, AtomicInteger errors) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null || response.statusCode() != expected) {
                errors.incrementAndGet();
            } else {
                latencies.add((System.nanoTime() - due) / 1e6);
            }
            return null;
        });
    }

    static void print(String name, List<Double> latencies, AtomicInteger errors) {
        System.out.printf("%s n=%d errors=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", name,
                latencies.size(), errors.get(), percentile(latencies, 0.5), percentile(latencies, 0.9),
                percentile(latencies, 0.99), percentile(latencies, 1.0));
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1 < 0 ? 0
                : (int) Math.ceil(p * sorted.size()) - 1));
    }

    static String report(double lat, double lon) {
        return String.format(java.util.Locale.ROOT, "{\"clientReportId\":\"%s\",\"location\":{\"lat\":%.5f,\"lon\":%.5f,"
                + "\"accuracyM\":20},\"kind\":\"FIRE\",\"description\":\"Cháy nhà\"}", UUID.randomUUID(), lat, lon);
    }

    static HttpResponse<String> post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/reports"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("report answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static Grant grant(String body) {
        String reportId = null;
        String token = null;
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            if (m.group(1).equals("reportId")) {
                reportId = m.group(2);
            } else {
                token = m.group(2);
            }
        }
        return new Grant(reportId, token);
    }

    /** A 1600×1200 JPEG, the size the app sends, with enough detail to weigh about {@code bytes}. */
    static byte[] jpegOfAbout(int bytes) throws Exception {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random random = new Random(114);
        for (int i = 0; i < 4000; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(1600), random.nextInt(1200), 10 + random.nextInt(60), 10 + random.nextInt(60));
        }
        g.dispose();
        byte[] best = null;
        for (float quality = 0.95f; quality > 0.2f; quality -= 0.05f) {
            best = encode(image, quality);
            if (best.length <= bytes) {
                break;
            }
        }
        return best;
    }

    static byte[] encode(BufferedImage image, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        writer.dispose();
        return out.toByteArray();
    }
}
