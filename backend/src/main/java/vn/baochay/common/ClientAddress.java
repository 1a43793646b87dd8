package vn.baochay.common;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a request really comes from. It is the connection's peer, unless that peer is one of the
 * configured trusted proxies ({@code baochay.http.trusted-proxies}, addresses or CIDR blocks, e.g. the
 * load balancer): then it is the right-most address in {@code X-Forwarded-For} that is not itself a
 * trusted proxy. A client cannot choose its address by sending the header: from anyone else it is
 * ignored. Rate limits, lockouts and the audit log all use this address.
 */
@ApplicationScoped
public class ClientAddress {

    /** Only literal IPv4/IPv6 addresses are parsed, so no header value ever causes a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private final List<Block> trusted;

    ClientAddress(@ConfigProperty(name = "baochay.http.trusted-proxies") Optional<List<String>> proxies) {
        this.trusted = blocks(proxies.orElse(List.of()));
    }

    /** Parses configured addresses and CIDR blocks (blank entries ignored). */
    public static List<Block> blocks(List<String> entries) {
        return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(Block::parse).toList();
    }

    /** The client address of an HTTP request. */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return of(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** The client address, from the connection's peer and the X-Forwarded-For values it sent. */
    public String of(String peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        String client = peer;
        List<String> hops = forwardedFor.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = unbracket(hops.get(i));
            if (address(hop) == null) {
                return client; // a malformed hop: trust nothing to its left
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** Whether the request reached us over TLS: directly, or through a trusted proxy that says so. */
    public boolean secure(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return peer != null && isTrusted(peer) && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    boolean isTrusted(String address) {
        InetAddress parsed = address(address);
        return parsed != null && trusted.stream().anyMatch(block -> block.contains(parsed));
    }

    private static String unbracket(String hop) {
        String h = hop;
        if (h.startsWith("[") && h.contains("]")) {
            h = h.substring(1, h.indexOf(']'));
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        return h;
    }

    static InetAddress address(String literal) {
        if (literal == null || !LITERAL.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block: one address, or a CIDR prefix. */
    public record Block(byte[] network, int bits) {
        public static Block parse(String text) {
            int slash = text.indexOf('/');
            InetAddress base = address(slash < 0 ? text : text.substring(0, slash));
            if (base == null) {
                    throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
            int max = base.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Block(base.getAddress(), bits);
        }

        /** Whether the literal address {@code address} lies in this block (false for anything else). */
        public boolean contains(String address) {
            InetAddress parsed = address(address);
            return parsed != null && contains(parsed);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
