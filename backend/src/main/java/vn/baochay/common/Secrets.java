package vn.baochay.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Bearer secrets handed to phones (a report's token, a device's secret): 256 random bits, base64url.
 * The server keeps only their hashes, each with its own domain prefix so one kind of secret can never
 * stand for another.
 */
public final class Secrets {

    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Whether a string can be a secret at all (checked before any lookup). */
    public static boolean wellFormed(String secret) {
        return secret != null && SHAPE.matcher(secret).matches();
    }

    public static byte[] hash(String domain, String secret) {
        return sha256(domain + ":" + secret);
    }

    /** Constant-time comparison of a presented secret's hash with a kept one (null never matches). */
    public static boolean matches(byte[] kept, String domain, String presented) {
        return kept != null && wellFormed(presented) && MessageDigest.isEqual(kept, hash(domain, presented));
    }

    /** The secret of an {@code Authorization: Bearer <secret>} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
