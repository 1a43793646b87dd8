import { describe, expect, it } from 'vitest';
import type { LatLon } from '../api/types';
import {
  areaProblem,
  CIRCLE_MAX_M,
  CIRCLE_MIN_M,
  circleAround,
  circleProblem,
  destination,
  distanceM,
  type DrawEvent,
  type Drawing,
  NO_DRAWING,
  pathSelfIntersects,
  polygonAreaKm2,
  polygonProblem,
  reduceDrawing,
  ringSelfIntersects,
  segmentsMeet,
} from './alertDraw';

const at = (lat: number, lon: number): LatLon => ({ lat, lon });
const hoanKiem = at(21.0285, 105.8542);
const saigon = at(10.7769, 106.7009);

/** A square ring of `side` degrees with its south-west corner at `sw`, anticlockwise. */
const square = (sw: LatLon, side: number): LatLon[] => [
  sw,
  at(sw.lat, sw.lon + side),
  at(sw.lat + side, sw.lon + side),
  at(sw.lat + side, sw.lon),
];

function draw(...events: DrawEvent[]): Drawing {
  return events.reduce(reduceDrawing, NO_DRAWING);
}

const click = (point: LatLon): DrawEvent[] => [
  { type: 'press', at: point },
  { type: 'release', at: point, dragged: false },
  { type: 'tap', at: point, nearFirst: false },
];

describe('distances', () => {
  it('are great-circle metres (haversine)', () => {
    expect(distanceM(at(21, 105), at(22, 105))).toBeCloseTo(111_195, -1);
    expect(distanceM(hoanKiem, saigon) / 1000).toBeCloseTo(1143.5, 0);
    expect(distanceM(hoanKiem, hoanKiem)).toBe(0);
  });

  it('lead back to where they started', () => {
    const east = destination(hoanKiem, 500, 90);
    expect(distanceM(hoanKiem, east)).toBeCloseTo(500, 3);
    expect(east.lat).toBeCloseTo(hoanKiem.lat, 4);
    expect(east.lon).toBeGreaterThan(hoanKiem.lon);
  });
});

describe('polygon geometry', () => {
  it('measures a ring on the sphere', () => {
    // 0.1° × 0.1° at the equator: about 11.12 km × 11.12 km.
    expect(polygonAreaKm2(square(at(0, 105), 0.1))).toBeCloseTo(123.6, 0);
    expect(polygonAreaKm2([at(0, 0), at(0, 1)])).toBe(0);
  });

  it('tells crossing and touching segments from apart ones', () => {
    expect(segmentsMeet(at(0, 0), at(1, 1), at(0, 1), at(1, 0))).toBe(true); // an X
    expect(segmentsMeet(at(0, 0), at(0, 2), at(0, 1), at(1, 1))).toBe(true); // a T
    expect(segmentsMeet(at(0, 0), at(0, 2), at(0, 1), at(0, 3))).toBe(true); // overlapping on one line
    expect(segmentsMeet(at(0, 0), at(0, 1), at(0, 2), at(0, 3))).toBe(false); // on one line, apart
    expect(segmentsMeet(at(0, 0), at(0, 1), at(1, 0), at(1, 1))).toBe(false); // parallel
  });

  it('finds a ring that crosses itself, and a spike that folds back', () => {
    expect(ringSelfIntersects(square(at(21, 105), 0.01))).toBe(false);
    const [a, b, c, d] = square(at(21, 105), 0.01);
    expect(ringSelfIntersects([a, c, b, d])).toBe(true); // a bow tie
    expect(ringSelfIntersects([a, b, at(a.lat, a.lon + 0.005), c])).toBe(true); // back along a–b
    expect(ringSelfIntersects([a, b, c, d, at(a.lat + 0.005, a.lon + 0.005), at(a.lat + 0.02, a.lon + 0.005)])).toBe(
      true,
    );
    expect(pathSelfIntersects([a, b, c, d])).toBe(false);
    expect(pathSelfIntersects([a, c, b, d])).toBe(true);
  });
});

describe('what the server would refuse', () => {
  it('a circle of less than 50 m or more than 50 km', () => {
    expect(circleProblem(CIRCLE_MIN_M - 1)).toBe('radiusTooSmall');
    expect(circleProblem(CIRCLE_MIN_M)).toBeNull();
    expect(circleProblem(CIRCLE_MAX_M)).toBeNull();
    expect(circleProblem(CIRCLE_MAX_M + 1)).toBe('radiusTooLarge');
    expect(circleProblem(Number.NaN)).toBe('radiusTooSmall');
  });

  it('a polygon of fewer than 3 or more than 100 vertices, crossing itself, or over 2 000 km²', () => {
    const ring = square(at(21, 105), 0.01);
    expect(polygonProblem(ring)).toBeNull();
    expect(polygonProblem(ring.slice(0, 2))).toBe('tooFewVertices');
    const many = Array.from({ length: 101 }, (_, i) =>
      destination(hoanKiem, 1000, (360 * i) / 101),
    );
    expect(polygonProblem(many.slice(0, 100))).toBeNull();
    expect(polygonProblem(many)).toBe('tooManyVertices');
    expect(polygonProblem([ring[0], ring[2], ring[1], ring[3]])).toBe('selfIntersecting');
    expect(polygonProblem([at(21, 105), at(21, 105.01), at(21, 105.02)])).toBe('selfIntersecting'); // no area
    expect(polygonProblem(square(at(21, 105), 0.5))).toBe('tooLarge'); // about 2 700 km²
  });

  it('no area at all', () => {
    expect(areaProblem(null)).toBe('noArea');
    expect(areaProblem(circleAround(hoanKiem, 500))).toBeNull();
    expect(areaProblem(circleAround(hoanKiem, 20))).toBe('radiusTooSmall');
  });
});

describe('drawing a circle', () => {
  const edge = destination(hoanKiem, 750, 90);

  it('takes the centre from the first click and the radius from the second', () => {
    const placed = draw({ type: 'start', tool: 'circle' }, ...click(hoanKiem));
    expect(placed.tool).toBe('circle');
    expect(placed.centre).toEqual(hoanKiem);
    expect(placed.area).toBeNull();
    const done = reduceDrawing(reduceDrawing(placed, { type: 'press', at: edge }), {
      type: 'release',
      at: edge,
      dragged: false,
    });
    expect(done.tool).toBeNull();
    expect(done.area).toEqual({ circle: { center: hoanKiem, radiusM: 750 } });
  });

  it('or from a drag out of the centre', () => {
    const done = draw(
      { type: 'start', tool: 'circle' },
      { type: 'press', at: hoanKiem },
      { type: 'release', at: edge, dragged: true },
    );
    expect(done.area).toEqual({ circle: { center: hoanKiem, radiusM: 750 } });
  });

  it('keeps the centre and says why when the radius is out of bounds', () => {
    const small = draw(
      { type: 'start', tool: 'circle' },
      ...click(hoanKiem),
      ...click(destination(hoanKiem, 30, 0)),
    );
    expect(small.tool).toBe('circle');
    expect(small.centre).toEqual(hoanKiem);
    expect(small.problem).toBe('radiusTooSmall');
    expect(small.area).toBeNull();
    const large = reduceDrawing(reduceDrawing(small, { type: 'press', at: saigon }), {
      type: 'release',
      at: saigon,
      dragged: false,
    });
    expect(large.problem).toBe('radiusTooLarge');
    const fine = reduceDrawing(reduceDrawing(large, { type: 'press', at: edge }), {
      type: 'release',
      at: edge,
      dragged: false,
    });
    expect(fine.area).toEqual({ circle: { center: hoanKiem, radiusM: 750 } });
    expect(fine.problem).toBeNull();
  });

  it('takes a typed radius for a finished circle', () => {
    const done = draw({ type: 'set', area: circleAround(hoanKiem, 500) }, { type: 'radius', radiusM: 1200.4 });
    expect(done.area).toEqual({ circle: { center: hoanKiem, radiusM: 1200 } });
    expect(reduceDrawing(done, { type: 'radius', radiusM: 60_000 }).problem).toBe('radiusTooLarge');
  });

  it('ignores polygon clicks', () => {
    const placed = draw({ type: 'start', tool: 'circle' }, { type: 'tap', at: hoanKiem, nearFirst: false });
    expect(placed.centre).toBeNull();
    expect(placed.vertices).toEqual([]);
  });
});

describe('drawing a polygon', () => {
  const [a, b, c, d] = square(at(21.0, 105.8), 0.01);
  const tap = (point: LatLon, nearFirst = false): DrawEvent => ({ type: 'tap', at: point, nearFirst });
  const start: DrawEvent = { type: 'start', tool: 'polygon' };

  it('adds a vertex per click and closes on the first vertex', () => {
    const open = draw(start, tap(a), tap(b), tap(c), tap(d));
    expect(open.vertices).toEqual([a, b, c, d]);
    expect(open.area).toBeNull();
    const closed = reduceDrawing(open, tap(a, true));
    expect(closed.tool).toBeNull();
    expect(closed.area).toEqual({ polygon: [a, b, c, d] });
  });

  it('closes with Finish, but not before three vertices', () => {
    const two = draw(start, tap(a), tap(b), { type: 'finish' });
    expect(two.tool).toBe('polygon');
    expect(two.problem).toBe('tooFewVertices');
    const three = draw(start, tap(a), tap(b), tap(c), { type: 'finish' });
    expect(three.area).toEqual({ polygon: [a, b, c] });
  });

  it('refuses a vertex whose edge would cross an earlier one, and a closing edge that crosses', () => {
    // a → c → b, then b → d would cross the diagonal a → c.
    const crossing = draw(start, tap(a), tap(c), tap(b), tap(d));
    expect(crossing.vertices).toEqual([a, c, b]);
    expect(crossing.problem).toBe('selfIntersecting');
    // A spiral out of its first vertex: the path is simple, its closing edge cuts the second edge.
    const grid = (x: number, y: number) => at(21 + y * 0.01, 105.8 + x * 0.01);
    const spiral = [grid(0, 0), grid(1, 0), grid(1, 1), grid(-1, 1), grid(-1, -1), grid(2, -1), grid(2, 0.5)];
    const open = draw(start, ...spiral.map((point) => tap(point)));
    expect(open.vertices).toEqual(spiral);
    expect(open.problem).toBeNull();
    for (const close of [{ type: 'finish' } as DrawEvent, tap(spiral[0], true)]) {
      const refused = reduceDrawing(open, close);
      expect(refused.tool).toBe('polygon');
      expect(refused.area).toBeNull();
      expect(refused.problem).toBe('selfIntersecting');
    }
  });

  it('undoes the last vertex, ignores a second click on the same point, and stops at 100 vertices', () => {
    expect(draw(start, tap(a), tap(b), tap(c), { type: 'undo' }).vertices).toEqual([a, b]);
    expect(draw(start, tap(a), tap(b), tap(b)).vertices).toEqual([a, b]);
    const ring = Array.from({ length: 101 }, (_, i) => destination(at(21, 105.8), 2000, (350 * i) / 100));
    const full = draw(start, ...ring.map((point) => tap(point)));
    expect(full.vertices).toHaveLength(100);
    expect(full.problem).toBe('tooManyVertices');
  });

  it('is dropped by Esc, leaving the area drawn before', () => {
    const before = circleAround(hoanKiem, 500);
    const cancelled = draw({ type: 'set', area: before }, start, tap(a), tap(b), { type: 'cancel' });
    expect(cancelled.tool).toBeNull();
    expect(cancelled.vertices).toEqual([]);
    expect(cancelled.area).toEqual(before);
  });

  it('leaves everything as it was on Esc when nothing is being drawn', () => {
    const idle = draw({ type: 'set', area: circleAround(hoanKiem, 500) });
    expect(reduceDrawing(idle, { type: 'cancel' })).toBe(idle);
  });

  it('ignores mouse presses, which only circles use', () => {
    const drawing = draw(start, { type: 'press', at: a }, { type: 'release', at: b, dragged: true });
    expect(drawing.vertices).toEqual([]);
    expect(drawing.centre).toBeNull();
  });
});
