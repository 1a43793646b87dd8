package vn.baochay.premises;

import java.util.List;
import java.util.UUID;

/**
 * What a dispatcher needs about the building an alarm came from, in the incident's detail: where it is, how
 * high, whom to call, and the zones its transmitter named on this incident, in order.
 */
public record PremisesCard(UUID id, String accountId, String name, String address, String province, Integer floors,
                           List<Contact> contacts, String notes, List<String> zones, DeviceStatus device) {
}
