-- Dispatch: accounts, jurisdiction, incident handling, audit.

-- One refusal for every append-only table.
CREATE OR REPLACE FUNCTION incident_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;

-- Dispatcher actions bump revision (what a console's stale view is checked against); report
-- joins do not, so a dispatcher is never refused because more citizens reported the same fire.
ALTER TABLE incidents ADD COLUMN revision bigint NOT NULL DEFAULT 0;

-- Province polygons (loaded at start-up from geo/provinces-vn.geojson). An incident's province
-- comes from its position, never from what the reporter says.
CREATE TABLE provinces (
    name text PRIMARY KEY,
    geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX provinces_geom_gist ON provinces USING gist (geom);

ALTER TABLE incidents ADD COLUMN province text;
ALTER TABLE incidents ADD COLUMN acknowledged_by text;
ALTER TABLE incidents ADD COLUMN merged_into uuid REFERENCES incidents (id);
CREATE INDEX incidents_status_province ON incidents (status, province, last_report_at DESC);

-- The covering polygon, or (offshore, or a gap in the polygons) the province of the nearest station.
CREATE FUNCTION province_at(p_lat double precision, p_lon double precision) RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT name FROM provinces
          WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(p_lon, p_lat), 4326)) ORDER BY name LIMIT 1),
        (SELECT province FROM stations
          ORDER BY location <-> ST_SetSRID(ST_MakePoint(p_lon, p_lat), 4326)::geography LIMIT 1));
$$;

CREATE FUNCTION incidents_set_province() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.province := province_at(NEW.lat, NEW.lon);
    RETURN NEW;
END;
$$;
CREATE TRIGGER incidents_province
    BEFORE INSERT OR UPDATE OF lat, lon ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidents_set_province();

CREATE TABLE dispatchers (
    id            uuid PRIMARY KEY,
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('DISPATCHER', 'SUPERVISOR', 'ADMIN')),
    provinces     text[]      NOT NULL DEFAULT '{}',
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL
);

-- Units sent to an incident.
CREATE TABLE assignments (
    incident_id   uuid        NOT NULL REFERENCES incidents (id),
    unit_id       text        NOT NULL REFERENCES units (id),
    dispatched_at timestamptz NOT NULL,
    dispatched_by text        NOT NULL,
    released_at   timestamptz,
    PRIMARY KEY (incident_id, unit_id, dispatched_at)
);
-- A unit is on at most one incident at a time.
CREATE UNIQUE INDEX assignments_one_open_per_unit ON assignments (unit_id) WHERE released_at IS NULL;

CREATE TABLE incident_notes (
    id          uuid PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incidents (id),
    author      text        NOT NULL,
    text        text        NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
    created_at  timestamptz NOT NULL
);
CREATE INDEX incident_notes_incident ON incident_notes (incident_id, created_at);

-- Who did what, when, from where. The application only ever inserts here.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    incident_id uuid,
    unit_id     text,
    detail      jsonb       NOT NULL DEFAULT '{}',
    remote_addr text
);
CREATE INDEX audit_log_incident ON audit_log (incident_id, at);
CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION incident_events_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION incident_events_append_only();

-- Unit changes without an incident (e.g. back in service) are events too.
ALTER TABLE incident_events ALTER COLUMN incident_id DROP NOT NULL;

-- Wakes the relay as soon as an event commits (NOTIFY is delivered at commit); it also polls.
CREATE FUNCTION incident_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('incident_events', NEW.seq::text);
    RETURN NULL;
END;
$$;
CREATE TRIGGER incident_events_notify
    AFTER INSERT ON incident_events
    FOR EACH ROW EXECUTE FUNCTION incident_events_notify();

-- Where the relay has got to: events up to last_seq have been handed to the fan-out.
CREATE TABLE relay_position (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq  bigint      NOT NULL,
    moved_at  timestamptz NOT NULL
);
INSERT INTO relay_position (last_seq, moved_at) VALUES (0, now());
