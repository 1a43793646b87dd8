package vn.baochay.premises;

import java.util.UUID;

/** A registered transmitter as the receiver needs it: its premises, where it is, and its AES key (null: none). */
public record Transmitter(UUID premisesId, String accountId, String name, double lat, double lon, byte[] aesKey) {

    public boolean encrypts() {
        return aesKey != null;
    }
}
