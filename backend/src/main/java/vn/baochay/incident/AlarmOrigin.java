package vn.baochay.incident;

import java.util.UUID;

/**
 * The registered premises whose fire-alarm transmitter signalled, and the zone it named (null when the
 * panel sent none). The name is kept as it was when the alarm came, so the incident's record stays true
 * if the registry is edited later.
 */
public record AlarmOrigin(UUID premisesId, String premisesName, String zone) {
}
