-- Area alerts ("leave the market, 500 m around"), published as CAP 1.2, and the phones they reach.

-- A phone's opt-in coarse position (about 1 km), kept for 24 hours, for area alerts only.
CREATE TABLE device_locations (
    device_id  uuid PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    location   geography(Point, 4326) NOT NULL,
    updated_at timestamptz            NOT NULL,
    expires_at timestamptz            NOT NULL
);
CREATE INDEX device_locations_gist ON device_locations USING gist (location);
CREATE INDEX device_locations_expiry ON device_locations (expires_at);

-- An alert as it now stands (its latest revision). EXPIRED is not stored: it is ACTIVE past expires_at.
CREATE TABLE alerts (
    id             uuid PRIMARY KEY,
    revision       integer     NOT NULL CHECK (revision >= 1),
    msg_type       text        NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
    state          text        NOT NULL CHECK (state IN ('ACTIVE', 'CANCELLED')),
    event          text        NOT NULL,
    severity       text        NOT NULL,
    urgency        text        NOT NULL,
    certainty      text        NOT NULL,
    headline_vi    text        NOT NULL,
    headline_en    text        NOT NULL,
    instruction_vi text        NOT NULL,
    instruction_en text        NOT NULL,
    -- The area as the dispatcher drew it (JSON: {"circle": …} or {"polygon": […]}), and the same as
    -- geometry: exactly one shape, a circle (centre and radius) or a polygon.
    area           jsonb       NOT NULL,
    circle_center  geography(Point, 4326),
    circle_radius  integer CHECK (circle_radius BETWEEN 50 AND 50000),
    polygon        geometry(Polygon, 4326),
    -- The area as a polygon (the circle approximated), for provinces, maps and containment.
    footprint      geometry(Polygon, 4326) NOT NULL,
    provinces      text[]      NOT NULL,
    incident_id    uuid REFERENCES incidents (id),
    issued_by      text        NOT NULL,
    issued_at      timestamptz NOT NULL,
    updated_by     text        NOT NULL,
    sent_at        timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    cancel_reason  text,
    CHECK ((circle_center IS NOT NULL AND circle_radius IS NOT NULL AND polygon IS NULL)
        OR (circle_center IS NULL AND circle_radius IS NULL AND polygon IS NOT NULL))
);
CREATE INDEX alerts_active ON alerts (expires_at) WHERE state = 'ACTIVE';
CREATE INDEX alerts_footprint ON alerts USING gist (footprint);
CREATE INDEX alerts_provinces ON alerts USING gin (provinces);

-- Every CAP message ever sent for an alert, exactly as published: an Update or Cancel references them.
CREATE TABLE alert_revisions (
    alert_id   uuid        NOT NULL REFERENCES alerts (id),
    revision   integer     NOT NULL,
    msg_type   text        NOT NULL,
    sent_at    timestamptz NOT NULL,
    actor      text        NOT NULL,
    cap        text        NOT NULL,
    PRIMARY KEY (alert_id, revision)
);

CREATE FUNCTION alert_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert_revisions is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER alert_revisions_no_update_or_delete BEFORE UPDATE OR DELETE ON alert_revisions
    FOR EACH ROW EXECUTE FUNCTION alert_revisions_append_only();

-- At most one notification per (event, target): a device inside the area, or a province topic.
CREATE TABLE alert_deliveries (
    event_seq       bigint      NOT NULL,
    target          text        NOT NULL,
    device_id       uuid REFERENCES devices (id) ON DELETE CASCADE,
    topic           text,
    language        text        NOT NULL CHECK (language IN ('vi', 'en')),
    alert_id        uuid        NOT NULL,
    revision        integer     NOT NULL,
    msg_type        text        NOT NULL,
    title           text        NOT NULL,
    body            text        NOT NULL,
    expires_at      timestamptz NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'PRUNED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    sent_at         timestamptz,
    PRIMARY KEY (event_seq, target),
    CHECK ((device_id IS NULL) <> (topic IS NULL))
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');

-- Alert events (AlertIssued, AlertUpdated, AlertCancelled) share the one log with incidents, so consoles
-- get them in order, across instances and reconnects; an alert about no incident has none.
ALTER TABLE incident_events ALTER COLUMN incident_id DROP NOT NULL;
