-- Fire stations and their units. Positions are geography (WGS 84) so distances come out in metres;
-- the GiST index serves nearest-station KNN queries (ORDER BY location <-> point).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE stations (
    id          text PRIMARY KEY,
    name        text        NOT NULL,
    phone       text        NOT NULL,
    address     text        NOT NULL DEFAULT '',
    province    text        NOT NULL,
    location    geography(Point, 4326) NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stations_location_gist ON stations USING gist (location);
CREATE INDEX stations_province ON stations (province);

CREATE TABLE units (
    id         text PRIMARY KEY,
    station_id text        NOT NULL REFERENCES stations (id),
    callsign   text        NOT NULL,
    type       text        NOT NULL CHECK (type IN ('ENGINE', 'LADDER', 'RESCUE', 'WATER_TANKER')),
    status     text        NOT NULL DEFAULT 'AVAILABLE'
        CHECK (status IN ('AVAILABLE', 'DISPATCHED', 'EN_ROUTE', 'ON_SCENE', 'RETURNING', 'OUT_OF_SERVICE')),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_station ON units (station_id);
