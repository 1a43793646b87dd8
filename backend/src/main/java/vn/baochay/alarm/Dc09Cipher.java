package vn.baochay.alarm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DC-09's encryption of the part of a frame after its opening bracket: AES in CBC mode with an all-zero IV and no
 * cipher padding. Instead, the sender puts random characters in front of the text until it fills whole 16-byte
 * blocks, and writes the result as hex. The padding characters are never {@code [}, {@code |} or {@code ]}, so the
 * reader finds where the data starts.
 */
final class Dc09Cipher {

    private static final int BLOCK = 16;
    private static final String PAD_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final SecureRandom random = new SecureRandom();

    static boolean validKeyLength(byte[] key) {
        return key.length == 16 || key.length == 24 || key.length == 32;
    }

    /** Whether {@code hex} can be ciphertext at all: hex digits filling at least one whole block. */
    static boolean wholeBlocksOfHex(String hex) {
        if (hex.isEmpty() || hex.length() % (2 * BLOCK) != 0) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The plain text, or empty when it does not decrypt to printable ASCII. A wrong key still "decrypts", to noise;
     * checking that every byte is printable is how a wrong key is told apart from a right one.
     */
    static Optional<String> decrypt(String hex, byte[] key) {
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, key).doFinal(HexFormat.of().parseHex(hex));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        for (byte b : plain) {
            if (b < 0x20 || b > 0x7E) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(plain, StandardCharsets.US_ASCII));
    }

    /** {@code text} with random padding in front, encrypted, as upper-case hex. */
    String encrypt(String text, byte[] key) {
        StringBuilder padded = new StringBuilder();
        int pad = BLOCK - text.length() % BLOCK;
        for (int i = 0; i < pad; i++) {
            padded.append(PAD_CHARACTERS.charAt(random.nextInt(PAD_CHARACTERS.length())));
        }
        padded.append(text);
        try {
            return HEX.formatHex(cipher(Cipher.ENCRYPT_MODE, key)
                    .doFinal(padded.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is part of every Java runtime", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[BLOCK]));
        return cipher;
    }
}
