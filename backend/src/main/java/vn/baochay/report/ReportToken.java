package vn.baochay.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The reporter's capability: 256 random bits that only the reporting phone knows, sent back as
 * {@code Authorization: Bearer <reportToken>} for everything it does later about its report.
 *
 * <p>The server keeps only the token's SHA-256. So that a retry of the report still receives the
 * identical answer, the token is also kept sealed (AES-256-GCM) under a key derived from the
 * clientReportId, and the clientReportId itself is kept only as a hash with a different derivation
 * ({@link #clientReportKey}). Neither a copy of the database nor the server alone can recover a
 * token; the phone, which holds the clientReportId, can have it resealed at every retry.
 */
final class ReportToken {

    private static final int TOKEN_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReportToken() {
    }

    static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Whether a string can be a token at all (checked before any lookup). */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    static byte[] hash(String token) {
        return sha256("baochay:report-token:" + token);
    }

    /**
     * How a clientReportId is kept: hashed, so the database does not hold the phone's secret. The
     * migration that introduced it computes the same value in SQL (V6__report_token.sql).
     */
    static byte[] clientReportKey(UUID clientReportId) {
        return sha256("baochay:client-report:" + clientReportId);
    }

    static byte[] seal(String token, UUID clientReportId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, clientReportId, nonce, token.getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    static String unseal(byte[] sealed, UUID clientReportId) {
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length);
        return new String(crypt(Cipher.DECRYPT_MODE, clientReportId, nonce, body), StandardCharsets.US_ASCII);
    }

    private static byte[] crypt(int mode, UUID clientReportId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec key = new SecretKeySpec(sha256("baochay:report-token-seal:" + clientReportId), "AES");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Report token cannot be sealed or unsealed", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
