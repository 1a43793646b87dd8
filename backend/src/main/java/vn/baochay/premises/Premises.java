package vn.baochay.premises;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/**
 * A registered building with an automatic fire-alarm transmitter, as dispatchers see it. The transmitter's
 * AES key is never shown: {@code encrypted} says whether it has one. {@code province} is derived from the
 * location by the database.
 */
public record Premises(UUID id, String accountId, String name, String address, GeoPoint location, String province,
                       Integer floors, List<Contact> contacts, String notes, boolean demo, boolean encrypted,
                       Integer reportingIntervalSeconds, DeviceStatus device, long version, Instant createdAt,
                       Instant updatedAt) {

    DeviceBoardEntry boardEntry() {
        return new DeviceBoardEntry(id, accountId, name, address, province, location, demo, device);
    }
}
