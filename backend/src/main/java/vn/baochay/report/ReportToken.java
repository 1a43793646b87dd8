package vn.baochay.report;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import vn.baochay.common.Secrets;

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

    private static final String DOMAIN = "baochay:report-token";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReportToken() {
    }

    static String generate() {
        return Secrets.generate();
    }

    static byte[] hash(String token) {
        return Secrets.hash(DOMAIN, token);
    }

    /** Whether a presented token is the one whose hash is kept. */
    static boolean matches(byte[] kept, String presented) {
        return Secrets.matches(kept, DOMAIN, presented);
    }

    /**
     * How a clientReportId is kept: hashed, so the database does not hold the phone's secret. The
     * migration that introduced it computes the same value in SQL (V6__report_token.sql).
     */
    static byte[] clientReportKey(UUID clientReportId) {
        return Secrets.sha256("baochay:client-report:" + clientReportId);
    }

    static byte[] seal(String token, UUID clientReportId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, clientReportId, nonce, token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    static String unseal(byte[] sealed, UUID clientReportId) {
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length);
        return new String(crypt(Cipher.DECRYPT_MODE, clientReportId, nonce, body), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] crypt(int mode, UUID clientReportId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec key = new SecretKeySpec(Secrets.sha256("baochay:report-token-seal:" + clientReportId), "AES");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Report token cannot be sealed or unsealed", e);
        }
    }
}
