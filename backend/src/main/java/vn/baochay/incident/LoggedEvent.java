package vn.baochay.incident;

/**
 * One {@code incident_events} row as readers of the log get it: the relay, gap filling, replays and
 * the timeline. It travels like this through the live fan-out (in-memory, or RabbitMQ in the cluster
 * profile). {@code payload} is the event's JSON, {@code occurredAt} an ISO-8601 instant.
 */
public record LoggedEvent(long seq, String type, String incidentId, String occurredAt, String payload) {
}
