package vn.baochay.alarm;

import java.util.Optional;

/**
 * The AES key of each transmitter account. Keys are raw bytes, 16, 24 or 32 of them for AES-128, -192 or -256;
 * how an installer typed the key (hex digits, or text as some panels take it) is for the premises registry to
 * record and convert, because a 32-character key is valid in both forms and means different bytes.
 */
@FunctionalInterface
public interface Dc09Keys {

    /** The key of the account, or empty when it sends unencrypted frames or is unknown. */
    Optional<byte[]> keyFor(String account);

    /** No account has a key: every encrypted frame is refused. */
    static Dc09Keys none() {
        return account -> Optional.empty();
    }
}
