-- Incidents and the citizen reports that make them. lat/lon are the columns the application writes;
-- the geography column is derived by the database so geographic queries can use a GiST index.
CREATE TABLE incidents (
    id              uuid PRIMARY KEY,
    kind            text             NOT NULL CHECK (kind IN ('FIRE', 'EXPLOSION', 'RESCUE', 'OTHER')),
    status          text             NOT NULL CHECK (status IN ('NEW', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE',
                                                                'CONTROLLED', 'CLOSED', 'FALSE_ALARM', 'MERGED')),
    lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon             double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    location        geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED,
    -- Running sums of the position refinement (weights are 1/accuracy²), so a join costs O(1).
    weight_sum      double precision NOT NULL,
    weighted_lat    double precision NOT NULL,
    weighted_lon    double precision NOT NULL,
    report_count    integer          NOT NULL CHECK (report_count >= 1),
    first_report_at timestamptz      NOT NULL,
    last_report_at  timestamptz      NOT NULL,
    opened_at       timestamptz      NOT NULL,
    version         bigint           NOT NULL DEFAULT 0
);
CREATE INDEX incidents_location_gist ON incidents USING gist (location);
-- Merge candidates are open incidents with a recent report; this index keeps that lookup small.
CREATE INDEX incidents_open_recent ON incidents (kind, last_report_at)
    WHERE status NOT IN ('CLOSED', 'FALSE_ALARM', 'MERGED');

CREATE TABLE reports (
    id               uuid PRIMARY KEY,
    client_report_id uuid             NOT NULL UNIQUE,
    incident_id      uuid             NOT NULL REFERENCES incidents (id),
    kind             text             NOT NULL CHECK (kind IN ('FIRE', 'EXPLOSION', 'RESCUE', 'OTHER')),
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon              double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    accuracy_m       double precision CHECK (accuracy_m >= 0),
    location         geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED,
    description      text CHECK (char_length(description) <= 1000),
    reporter_phone   text,
    reporter_name    text,
    observed_at      timestamptz,
    received_at      timestamptz      NOT NULL
);
CREATE INDEX reports_incident ON reports (incident_id, received_at);

-- The intake ledger: what was answered to each clientReportId, so a retry gets the same answer.
CREATE TABLE report_receipts (
    client_report_id uuid PRIMARY KEY,
    request_hash     text        NOT NULL,
    report_id        uuid        NOT NULL REFERENCES reports (id),
    response         jsonb       NOT NULL,
    accepted_at      timestamptz NOT NULL
);
