-- An incident's province is decided when it opens, from its first report's position, and changes
-- only when a supervisor re-assigns it: later reports refine the position without moving the incident
-- to another province's dispatchers.
DROP TRIGGER incidents_province ON incidents;
CREATE TRIGGER incidents_province
    BEFORE INSERT ON incidents
    FOR EACH ROW EXECUTE FUNCTION incidents_set_province();

-- Where reports are taken: Vietnam's land, its territorial sea and its islands (Hoàng Sa and
-- Trường Sa included), as the province polygons widened by a margin (see ProvinceLoader), cut in
-- small pieces so that a point test reads a few of them.
CREATE TABLE service_area (
    id   serial PRIMARY KEY,
    geom geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX service_area_geom_gist ON service_area USING gist (geom);

-- What the service area was computed from, so it is recomputed only when the shipped boundaries
-- or the margin change.
CREATE TABLE service_area_source (
    source text PRIMARY KEY
);
