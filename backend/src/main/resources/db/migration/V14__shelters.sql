-- Shelters (buildings where people can stay) and assembly points (open ground to gather at) that the
-- citizen app lists nearest first. Positions are geography (WGS 84) so distances come out in metres;
-- the GiST index serves the KNN query (ORDER BY location <-> point). Rows come from an import of a
-- GeoJSON file, upserted by id; demo marks made-up places (demo/shelters-demo.geojson).
CREATE TABLE shelters (
    id          text PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('SHELTER', 'ASSEMBLY_POINT')),
    address     text        NOT NULL DEFAULT '',
    province    text        NOT NULL,
    -- People it can take; unknown for some shelters.
    capacity    integer CHECK (capacity >= 1),
    -- What it is a refuge from (shelter.Hazard); never empty.
    hazards     text[]      NOT NULL CHECK (cardinality(hazards) >= 1),
    location    geography(Point, 4326) NOT NULL,
    demo        boolean     NOT NULL DEFAULT false,
    imported_at timestamptz NOT NULL DEFAULT now(),
    -- Open ground has no head count.
    CONSTRAINT shelters_capacity_of_shelters_only CHECK (kind = 'SHELTER' OR capacity IS NULL)
);
CREATE INDEX shelters_location_gist ON shelters USING gist (location);
