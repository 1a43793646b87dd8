package vn.baochay.premises;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/** One transmitter on the device board: its premises, and its state. */
public record DeviceBoardEntry(UUID premisesId, String accountId, String name, String address, String province,
                               GeoPoint location, boolean demo, @JsonUnwrapped DeviceStatus status) {
}
