-- The append-only log of every incident change. seq is global, gap-free and strictly increasing in
-- commit order: it is taken from a single counter row whose lock is held until the writing
-- transaction commits, so a reader that has seen seq N has seen every event before it.
CREATE TABLE event_sequence (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq  bigint  NOT NULL
);
INSERT INTO event_sequence (last_seq) VALUES (0);

CREATE TABLE incident_events (
    seq         bigint PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incidents (id),
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, seq);

CREATE FUNCTION incident_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER incident_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON incident_events
    FOR EACH ROW EXECUTE FUNCTION incident_events_append_only();
CREATE TRIGGER incident_events_no_truncate
    BEFORE TRUNCATE ON incident_events
    FOR EACH STATEMENT EXECUTE FUNCTION incident_events_append_only();
