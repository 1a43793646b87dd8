-- Buildings with an automatic fire-alarm transmitter, what their transmitters signal, and each
-- transmitter's state as the device board shows it.

-- One row per registered transmitter account. A deleted premises keeps its row (its signals and
-- incidents point at it) and frees its account number for a new registration.
CREATE TABLE premises (
    id                   uuid PRIMARY KEY,
    account_id           text             NOT NULL CHECK (account_id ~ '^[0-9A-F]{1,16}$'),
    name                 text             NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    address              text             NOT NULL CHECK (char_length(address) BETWEEN 1 AND 500),
    lat                  double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                  double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    location             geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED,
    province             text,
    floors               integer CHECK (floors BETWEEN 0 AND 200),
    contacts             jsonb            NOT NULL DEFAULT '[]',
    notes                text CHECK (char_length(notes) <= 2000),
    -- The transmitter's AES key as bytes (16, 24 or 32); null when it sends in the clear.
    aes_key              bytea CHECK (aes_key IS NULL OR length(aes_key) IN (16, 24, 32)),
    -- How often it promises a link or periodic test; null when it is not supervised.
    reporting_interval_s integer CHECK (reporting_interval_s BETWEEN 60 AND 604800),
    demo                 boolean          NOT NULL DEFAULT false,
    -- The owners' phones (registered devices) told by push when the premises' fire alarm goes off.
    owner_device_ids     uuid[]           NOT NULL DEFAULT '{}',
    created_at           timestamptz      NOT NULL,
    updated_at           timestamptz      NOT NULL,
    deleted_at           timestamptz,
    version              bigint           NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX premises_account_live ON premises (account_id) WHERE deleted_at IS NULL;
CREATE INDEX premises_province ON premises (province) WHERE deleted_at IS NULL;

CREATE FUNCTION premises_set_province() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.province := province_at(NEW.lat, NEW.lon);
    RETURN NEW;
END;
$$;
CREATE TRIGGER premises_province
    BEFORE INSERT OR UPDATE OF lat, lon ON premises
    FOR EACH ROW EXECUTE FUNCTION premises_set_province();

-- The transmitter's state: NORMAL, FAULT (a trouble it reported is not restored), SILENT (no
-- signal for longer than its interval plus grace) or UNKNOWN (registered, never heard from).
CREATE TABLE transmitter_status (
    premises_id    uuid PRIMARY KEY REFERENCES premises (id),
    state          text        NOT NULL CHECK (state IN ('UNKNOWN', 'NORMAL', 'FAULT', 'SILENT')),
    since          timestamptz NOT NULL,
    last_signal_at timestamptz,
    -- The outstanding trouble, kept while the device is silent so that it comes back as FAULT.
    fault_code     text,
    fault_zone     text,
    fault_format   text
);
CREATE INDEX transmitter_status_watch ON transmitter_status (last_signal_at) WHERE state <> 'SILENT';

-- Every accepted event a transmitter sent, written before the transmitter is acknowledged.
-- Link tests are not kept here: they only move transmitter_status.last_signal_at.
CREATE TABLE alarm_signals (
    id          uuid PRIMARY KEY,
    premises_id uuid REFERENCES premises (id),
    account_id  text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('DC09_TCP', 'DC09_UDP', 'MQTT')),
    format      text        NOT NULL CHECK (format IN ('ADM-CID', 'SIA-DCS')),
    -- The DC-09 sequence number, or the MQTT message id: with the data, what a resent frame repeats.
    sequence    text        NOT NULL,
    data        text        NOT NULL,
    code        text        NOT NULL,
    meaning     text        NOT NULL CHECK (meaning IN ('FIRE_ALARM', 'RESTORE', 'FAULT', 'TEST', 'OTHER')),
    condition   text        NOT NULL CHECK (condition IN ('FIRE_ALARM', 'RESTORE', 'FAULT', 'TEST', 'OTHER')),
    zone        text,
    device_time timestamptz,
    received_at timestamptz NOT NULL,
    incident_id uuid REFERENCES incidents (id)
);
CREATE INDEX alarm_signals_resent ON alarm_signals (account_id, sequence, received_at);
CREATE INDEX alarm_signals_premises ON alarm_signals (premises_id, received_at);

-- An incident opened by a transmitter, and the premises whose alarm is part of an incident.
ALTER TABLE incidents ADD COLUMN source text NOT NULL DEFAULT 'CITIZEN' CHECK (source IN ('CITIZEN', 'ALARM_DEVICE'));
ALTER TABLE incidents ADD COLUMN premises_id uuid REFERENCES premises (id);
ALTER TABLE incidents ADD COLUMN premises_name text;
ALTER TABLE incidents ADD COLUMN alarm_zone text;
CREATE INDEX incidents_open_premises ON incidents (premises_id)
    WHERE premises_id IS NOT NULL AND status NOT IN ('CLOSED', 'FALSE_ALARM', 'MERGED');

ALTER TABLE reports ADD COLUMN source text NOT NULL DEFAULT 'CITIZEN' CHECK (source IN ('CITIZEN', 'ALARM_DEVICE'));
ALTER TABLE reports ADD COLUMN premises_id uuid REFERENCES premises (id);
ALTER TABLE reports ADD COLUMN alarm_zone text;
