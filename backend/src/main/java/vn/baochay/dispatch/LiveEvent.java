package vn.baochay.dispatch;

/**
 * One {@code incident_events} row on its way to the consoles, as it travels through the fan-out
 * (in-memory, or RabbitMQ in the cluster profile). {@code payload} is the event's JSON.
 */
public record LiveEvent(long seq, String type, String incidentId, String occurredAt, String payload) {
}
