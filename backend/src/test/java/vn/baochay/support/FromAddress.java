package vn.baochay.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests sent from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so a test can be
 * several clients at once: the server sees each as its own network address, as it would on the internet.
 */
public final class FromAddress {

    /** An answer: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String local;

    private FromAddress(String local) {
        this.local = local;
    }

    public static FromAddress of(String local) {
        return new FromAddress(local);
    }

    public Answer postJson(String path, String json) {
        return send("POST", path, Map.of("Content-Type", "application/json"), json);
    }

    public Answer postJson(String path, String json, String authorization) {
        return send("POST", path, Map.of("Content-Type", "application/json", "Authorization", authorization), json);
    }

    /**
     * Sends a JSON POST on a fresh connection and hangs up after {@code after} without reading an answer, as a
     * phone whose 2G connection drops while it waits.
     */
    public void postJsonAndHangUp(String path, String json, java.time.Duration after) {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            Thread.sleep(after.toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " from " + local + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one request on a fresh connection from the local address, and reads the whole answer. */
    public Answer send(String method, String path, Map<String, String> headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                    .append("Host: localhost:").append(RestAssured.port).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " from " + local + ": " + e, e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = end + 4;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (at < all.length) {
                int lineEnd = indexOf(all, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
                int size = Integer.parseInt(new String(all, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0]
                        .strip(), 16);
                if (size == 0) {
                    break;
                }
                body.write(all, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        } else {
            body.write(all, at, all.length - at);
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("malformed HTTP answer");
    }
}
