-- Phones registered for push, the reports they hear about, and what the push relay sends them.

-- A phone registered for push. Only the hash of its secret is kept; one registration per FCM token.
CREATE TABLE devices (
    id          uuid PRIMARY KEY,
    secret_hash bytea       NOT NULL,
    -- NULL once FCM said the token is dead (or another registration took it over).
    fcm_token   text CHECK (char_length(fcm_token) BETWEEN 1 AND 4096),
    platform    text        NOT NULL CHECK (platform IN ('ANDROID', 'IOS')),
    language    text        NOT NULL CHECK (language IN ('vi', 'en')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX devices_fcm_token ON devices (fcm_token);

-- Which device hears about a report (set when the report is taken with the device's secret).
CREATE TABLE report_devices (
    report_id uuid PRIMARY KEY REFERENCES reports (id),
    device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE
);
CREATE INDEX report_devices_device ON report_devices (device_id);

-- At most one notification per (event, device): planned here before it is sent, then its fate.
CREATE TABLE push_deliveries (
    event_seq       bigint      NOT NULL,
    device_id       uuid        NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    kind            text        NOT NULL,
    incident_id     uuid        NOT NULL,
    report_id       uuid        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'PRUNED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    sent_at         timestamptz,
    PRIMARY KEY (event_seq, device_id)
);
CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
