// Drawing an area alert's area on the map: the geometry and the state machine, without Leaflet.
// The map (views/alertLayers.ts) turns mouse events into DrawEvents and draws what a Drawing says;
// the pointer's position between clicks stays in the map, so a mouse move re-renders nothing else.
import { type AlertArea, isCircleArea, type LatLon } from '../api/types';

/** The server's limits (notes of the alerts API); checked here too so the dispatcher learns at once. */
export const CIRCLE_MIN_M = 50;
export const CIRCLE_MAX_M = 50_000;
export const POLYGON_MIN_VERTICES = 3;
export const POLYGON_MAX_VERTICES = 100;
export const POLYGON_MAX_KM2 = 2_000;
/** The circle "Alert around this incident" starts with. */
export const AROUND_INCIDENT_M = 500;

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `metres` away from `from` in the direction `bearing` (degrees clockwise from north). */
export function destination(from: LatLon, metres: number, bearing: number): LatLon {
  const d = metres / EARTH_RADIUS_M;
  const b = rad(bearing);
  const lat1 = rad(from.lat);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const y = Math.sin(b) * Math.sin(d) * Math.cos(lat1);
  const x = Math.cos(d) - Math.sin(lat1) * Math.sin(lat2);
  const lon2 = rad(from.lon) + Math.atan2(y, x);
  return { lat: deg(lat2), lon: deg(lon2) };
}

/** Area of a ring (open: the last vertex joins the first) on the sphere, km². */
export function polygonAreaKm2(vertices: readonly LatLon[]): number {
  if (vertices.length < 3) return 0;
  let sum = 0;
  for (let i = 0; i < vertices.length; i++) {
    const a = vertices[i];
    const b = vertices[(i + 1) % vertices.length];
    sum += rad(b.lon - a.lon) * (2 + Math.sin(rad(a.lat)) + Math.sin(rad(b.lat)));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2) / 1e6;
}

// Self-intersection is decided in the plane of longitude and latitude, as PostGIS does for the
// geometry(Polygon, 4326) the server stores, so both sides agree on the same polygon.

/** >0 when a→b→c turns left, <0 right, 0 when the three are on one line. */
const turn = (a: LatLon, b: LatLon, c: LatLon) => (b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon);

/** With a, b, c on one line: whether b lies on the segment a–c. */
const within = (a: LatLon, b: LatLon, c: LatLon) =>
  Math.min(a.lon, c.lon) <= b.lon &&
  b.lon <= Math.max(a.lon, c.lon) &&
  Math.min(a.lat, c.lat) <= b.lat &&
  b.lat <= Math.max(a.lat, c.lat);

/** Whether segments a–b and c–d have any point in common (crossing or touching). */
export function segmentsMeet(a: LatLon, b: LatLon, c: LatLon, d: LatLon): boolean {
  const d1 = turn(c, d, a);
  const d2 = turn(c, d, b);
  const d3 = turn(a, b, c);
  const d4 = turn(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && within(c, a, d)) ||
    (d2 === 0 && within(c, b, d)) ||
    (d3 === 0 && within(a, c, b)) ||
    (d4 === 0 && within(a, d, b))
  );
}

/** Two edges a–b and b–c that share b fold back over each other (c goes back along a–b). */
function foldsBack(a: LatLon, b: LatLon, c: LatLon): boolean {
  if (turn(a, b, c) !== 0) return false;
  return (a.lon - b.lon) * (c.lon - b.lon) + (a.lat - b.lat) * (c.lat - b.lat) > 0;
}

/** Whether the open path (not closed) through `points` crosses or touches itself. */
export function pathSelfIntersects(points: readonly LatLon[]): boolean {
  for (let j = 1; j < points.length - 1; j++) {
    if (foldsBack(points[j - 1], points[j], points[j + 1])) return true;
  }
  for (let i = 0; i + 1 < points.length; i++) {
    for (let j = i + 2; j + 1 < points.length; j++) {
      if (segmentsMeet(points[i], points[i + 1], points[j], points[j + 1])) return true;
    }
  }
  return false;
}

/** Whether the ring (the last vertex joins the first) is not simple. */
export function ringSelfIntersects(vertices: readonly LatLon[]): boolean {
  const n = vertices.length;
  const at = (i: number) => vertices[(i + n) % n];
  for (let i = 0; i < n; i++) {
    if (foldsBack(at(i - 1), at(i), at(i + 1))) return true;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the closing edge and the first share vertex 0
      if (segmentsMeet(at(i), at(i + 1), at(j), at(j + 1))) return true;
    }
  }
  return false;
}

/** Why an area cannot be sent (i18n `alertArea.<problem>`). */
export const AREA_PROBLEMS = [
  'noArea',
  'radiusTooSmall',
  'radiusTooLarge',
  'tooFewVertices',
  'tooManyVertices',
  'selfIntersecting',
  'tooLarge',
] as const;
export type AreaProblem = (typeof AREA_PROBLEMS)[number];

export function circleProblem(radiusM: number): AreaProblem | null {
  if (!Number.isFinite(radiusM) || radiusM < CIRCLE_MIN_M) return 'radiusTooSmall';
  if (radiusM > CIRCLE_MAX_M) return 'radiusTooLarge';
  return null;
}

export function polygonProblem(vertices: readonly LatLon[]): AreaProblem | null {
  if (vertices.length < POLYGON_MIN_VERTICES) return 'tooFewVertices';
  if (vertices.length > POLYGON_MAX_VERTICES) return 'tooManyVertices';
  if (ringSelfIntersects(vertices) || polygonAreaKm2(vertices) === 0) return 'selfIntersecting';
  if (polygonAreaKm2(vertices) > POLYGON_MAX_KM2) return 'tooLarge';
  return null;
}

/** What is wrong with an area before it is sent (null: nothing the console can see). */
export function areaProblem(area: AlertArea | null): AreaProblem | null {
  if (!area) return 'noArea';
  return isCircleArea(area) ? circleProblem(area.circle.radiusM) : polygonProblem(area.polygon);
}

export const circleAround = (center: LatLon, radiusM: number): AlertArea => ({
  circle: { center: { lat: center.lat, lon: center.lon }, radiusM: Math.round(radiusM) },
});

// ---- The state machine ----

export type DrawTool = 'circle' | 'polygon';

export interface Drawing {
  /** What is being drawn now, or null when nothing is. */
  tool: DrawTool | null;
  /** Circle: the centre, once placed. */
  centre: LatLon | null;
  /**
   * Circle: which press the mouse button is held down from: the one that placed the centre (a
   * drag from there sets the radius) or a second one (its release sets the radius).
   */
  pressed: 'centre' | 'radius' | null;
  /** Polygon: the vertices so far. */
  vertices: LatLon[];
  /** The finished area, what the alert is to cover. Kept while a new one is drawn, until it is finished. */
  area: AlertArea | null;
  /** Why the last step was refused; said until the next one. */
  problem: AreaProblem | null;
}

export const NO_DRAWING: Drawing = { tool: null, centre: null, pressed: null, vertices: [], area: null, problem: null };

export type DrawEvent =
  /** A drawing tool is chosen (the area so far stays until the new one is finished). */
  | { type: 'start'; tool: DrawTool }
  /** The mouse button goes down on the map. */
  | { type: 'press'; at: LatLon }
  /** ...and up again; `dragged` when the pointer moved more than a few pixels meanwhile. */
  | { type: 'release'; at: LatLon; dragged: boolean }
  /** A click on the map that did not pan it; `nearFirst` when it is on the polygon's first vertex. */
  | { type: 'tap'; at: LatLon; nearFirst: boolean }
  | { type: 'undo' }
  | { type: 'finish' }
  /** Esc: the drawing in progress is dropped, the area before it stays. */
  | { type: 'cancel' }
  /** The area is given: around an incident, an alert being updated, or none (a new form). */
  | { type: 'set'; area: AlertArea | null }
  /** A radius typed for the circle area. */
  | { type: 'radius'; radiusM: number };

const same = (a: LatLon, b: LatLon) => a.lat === b.lat && a.lon === b.lon;

export function reduceDrawing(drawing: Drawing, event: DrawEvent): Drawing {
  switch (event.type) {
    case 'start':
      return { ...NO_DRAWING, tool: event.tool, area: drawing.area };
    case 'cancel':
      if (drawing.tool) return { ...NO_DRAWING, area: drawing.area };
      return drawing.problem ? { ...drawing, problem: null } : drawing;
    case 'set':
      return { ...NO_DRAWING, area: event.area };
    case 'radius': {
      const area = drawing.area;
      if (!area || !isCircleArea(area) || drawing.tool) return drawing;
      const radiusM = Math.round(event.radiusM);
      return { ...drawing, area: circleAround(area.circle.center, radiusM), problem: circleProblem(radiusM) };
    }
    case 'press':
      if (drawing.tool !== 'circle') return drawing;
      return drawing.centre
        ? { ...drawing, pressed: 'radius' }
        : { ...drawing, centre: event.at, pressed: 'centre', problem: null };
    case 'release': {
      if (drawing.tool !== 'circle' || !drawing.centre || !drawing.pressed) return drawing;
      // A click that placed the centre: the radius comes with the next click.
      if (drawing.pressed === 'centre' && !event.dragged) return { ...drawing, pressed: null };
      const radiusM = Math.round(distanceM(drawing.centre, event.at));
      const problem = circleProblem(radiusM);
      if (problem) return { ...drawing, pressed: null, problem };
      return { ...NO_DRAWING, area: circleAround(drawing.centre, radiusM) };
    }
    case 'tap': {
      if (drawing.tool !== 'polygon') return drawing;
      const vertices = drawing.vertices;
      if (event.nearFirst && vertices.length >= POLYGON_MIN_VERTICES) return finishPolygon(drawing);
      // The second click of a double click, or a click on the last vertex: nothing to add.
      if (vertices.length > 0 && same(vertices[vertices.length - 1], event.at)) return drawing;
      if (vertices.length >= POLYGON_MAX_VERTICES) return { ...drawing, problem: 'tooManyVertices' };
      const next = [...vertices, event.at];
      if (pathSelfIntersects(next)) return { ...drawing, problem: 'selfIntersecting' };
      return { ...drawing, vertices: next, problem: null };
    }
    case 'undo':
      if (drawing.tool === 'polygon') return { ...drawing, vertices: drawing.vertices.slice(0, -1), problem: null };
      if (drawing.tool === 'circle') return { ...drawing, centre: null, pressed: null, problem: null };
      return drawing;
    case 'finish':
      return drawing.tool === 'polygon' ? finishPolygon(drawing) : drawing;
  }
}

function finishPolygon(drawing: Drawing): Drawing {
  const problem = polygonProblem(drawing.vertices);
  if (problem) return { ...drawing, problem };
  return { ...NO_DRAWING, area: { polygon: drawing.vertices } };
}
