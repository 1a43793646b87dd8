package vn.baochay.premises;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.GeoPoint;

/**
 * A registered building with an automatic fire-alarm transmitter, as dispatchers see it. The transmitter's
 * AES key is never shown: {@code encrypted} says whether it has one. {@code province} is derived from the
 * location by the database. {@code ownerDeviceIds}: the owners' phones told when its alarm goes off.
 */
public record Premises(UUID id, String accountId, String name, String address, GeoPoint location, String province,
                       Integer floors, List<Contact> contacts, String notes, boolean demo, boolean encrypted,
                       Integer reportingIntervalSeconds, DeviceStatus device, long version, Instant createdAt,
                       Instant updatedAt, List<UUID> ownerDeviceIds) {

    DeviceBoardEntry boardEntry() {
        return new DeviceBoardEntry(id, accountId, name, address, province, location, demo, device);
    }
}
