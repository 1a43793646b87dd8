import L from 'leaflet';
import { type AlertArea, type AreaAlert, isCircleArea, type LatLon } from '../api/types';
import type { Lang, Translate } from '../i18n';
import { formatDistance } from '../i18n/format';
import { alertStateAt, inLanguage } from '../state/alerts';
import { circleProblem, destination, type DrawEvent, type Drawing, distanceM, NO_DRAWING } from './alertDraw';
import { theme } from './palette';
import { bindTextTooltip, TextIcon } from './safe';

/** A press and release further apart than this (pixels) is a drag, not a click. */
const DRAG_PX = 5;
/** A click this close (pixels) to the polygon's first vertex closes it. */
const CLOSE_PX = 12;

const ll = (p: LatLon): L.LatLngTuple => [p.lat, p.lon];
const point = (latlng: L.LatLng): LatLon => {
  const wrapped = latlng.wrap();
  return { lat: wrapped.lat, lon: wrapped.lng };
};
const midpoint = (a: LatLon, b: LatLon): L.LatLngTuple => [(a.lat + b.lat) / 2, (a.lon + b.lon) / 2];

/** Issued alerts: dashed in the alert colour (never a colour or shape of an incident); ended ones dotted grey. */
const activeStyle: L.PathOptions = {
  color: theme.alertArea,
  weight: 3,
  dashArray: '10 6',
  fillColor: theme.alertArea,
  fillOpacity: 0.1,
};
const endedStyle: L.PathOptions = {
  color: theme.alertEnded,
  weight: 2,
  dashArray: '2 6',
  fillColor: theme.alertEnded,
  fillOpacity: 0.04,
};
/** The area being drawn or about to be sent: white, dashed, over the alert colour. */
const draftStyle: L.PathOptions = {
  color: theme.markerOutline,
  weight: 3,
  dashArray: '6 6',
  fillColor: theme.alertArea,
  fillOpacity: 0.18,
  interactive: false,
};

/**
 * Area alerts on the map, and drawing a new area. Issued alerts are drawn under the stations and
 * incidents (their pane lets clicks through to the map where nothing is drawn); the drawing is on
 * top. While drawing, every click goes to the map (styles.css: `.alert-drawing`), the map does not
 * zoom on a double click, and in circle mode it does not pan (a drag sets the radius).
 *
 * Mouse events become DrawEvents for the pure state machine (alertDraw.ts); the pointer's position
 * between clicks (the circle that follows it, the polygon's next edge) is drawn here only.
 */
export class AlertLayers {
  private readonly issued = L.layerGroup();
  private readonly draft = L.layerGroup();
  private drawing: Drawing = NO_DRAWING;
  private lang: Lang = 'vi';
  private pressedAt: L.Point | null = null;
  private cursor: LatLon | null = null;
  /** What follows the pointer while drawing. */
  private follow: { circle?: L.Circle; radius?: L.Polyline; label?: L.Marker; next?: L.Polyline; back?: L.Polyline } =
    {};

  constructor(
    private readonly map: L.Map,
    private readonly onDraw: (event: DrawEvent) => void,
  ) {
    map.createPane('alerts').style.zIndex = '360';
    map.createPane('drawing').style.zIndex = '460';
    this.issued.addTo(map);
    this.draft.addTo(map);
    map.on('mousedown', this.onPress);
    map.on('mouseup', this.onRelease);
    map.on('click', this.onClick);
    map.on('dblclick', this.onDoubleClick);
    map.on('mousemove', this.onMove);
  }

  /** Draws the alerts (active ones in the alert colour, ended ones grey), each with its headline as tooltip. */
  setAlerts(alerts: readonly AreaAlert[], lang: Lang, t: Translate): void {
    this.issued.clearLayers();
    const now = Date.now();
    for (const alert of alerts) {
      const active = alertStateAt(alert, now) === 'ACTIVE';
      const style: L.PathOptions = {
        ...(active ? activeStyle : endedStyle),
        pane: 'alerts',
        className: `alert-area ${active ? 'alert-area-active' : 'alert-area-ended'}`,
      };
      const shape = areaLayer(alert.area, style);
      bindTextTooltip(shape, t('map.alertArea', { headline: inLanguage(alert.headline, lang) }), { sticky: true });
      this.issued.addLayer(shape);
    }
  }

  /** Shows the whole of an area (an alert picked in the list, the circle put around an incident). */
  focus(area: AlertArea): void {
    const bounds = isCircleArea(area)
      ? L.latLng(ll(area.circle.center)).toBounds(area.circle.radiusM * 2)
      : L.latLngBounds(area.polygon.map(ll));
    this.map.fitBounds(bounds.pad(0.25), { maxZoom: 16, animate: false });
  }

  setDrawing(drawing: Drawing, lang: Lang): void {
    const toolChanged = drawing.tool !== this.drawing.tool;
    this.drawing = drawing;
    this.lang = lang;
    if (toolChanged) this.setTool();
    this.draft.clearLayers();
    this.follow = {};
    const { tool, area } = drawing;
    if (tool === 'circle' && drawing.centre) this.drawCircleInProgress(drawing.centre);
    else if (tool === 'polygon') this.drawPolygonInProgress(drawing.vertices);
    else if (!tool && area) this.drawArea(area);
    this.followPointer();
  }

  /** Map handlers and the container's look for the current tool. */
  private setTool(): void {
    const { tool } = this.drawing;
    const container = this.map.getContainer();
    container.classList.toggle('alert-drawing', tool !== null);
    container.dataset.drawing = tool ?? '';
    if (tool === 'circle') this.map.dragging.disable();
    else this.map.dragging.enable();
    if (tool) this.map.doubleClickZoom.disable();
    else this.map.doubleClickZoom.enable();
    this.pressedAt = null;
    if (!tool) this.cursor = null;
  }

  private drawArea(area: AlertArea): void {
    this.draft.addLayer(areaLayer(area, { ...draftStyle, pane: 'drawing', className: 'alert-draft' }));
    if (isCircleArea(area)) {
      const { center, radiusM } = area.circle;
      const edge = destination(center, radiusM, 90);
      this.draft.addLayer(L.polyline([ll(center), ll(edge)], { ...draftStyle, pane: 'drawing', dashArray: undefined }));
      this.draft.addLayer(this.radiusLabel(midpoint(center, edge), radiusM));
    }
  }

  private drawCircleInProgress(centre: LatLon): void {
    this.draft.addLayer(
      L.circleMarker(ll(centre), {
        pane: 'drawing',
        radius: 5,
        color: theme.markerOutline,
        weight: 2,
        fillColor: theme.alertArea,
        fillOpacity: 1,
        interactive: false,
      }),
    );
    const circle = L.circle(ll(centre), { ...draftStyle, pane: 'drawing', radius: 0, className: 'alert-draft' });
    const radius = L.polyline([ll(centre), ll(centre)], { ...draftStyle, pane: 'drawing', dashArray: undefined });
    const label = this.radiusLabel(ll(centre), 0);
    this.follow = { circle, radius, label };
  }

  private drawPolygonInProgress(vertices: readonly LatLon[]): void {
    if (vertices.length >= 2) {
      this.draft.addLayer(L.polyline(vertices.map(ll), { ...draftStyle, pane: 'drawing', fill: false }));
    }
    vertices.forEach((vertex, index) => {
      const first = index === 0;
      this.draft.addLayer(
        L.circleMarker(ll(vertex), {
          pane: 'drawing',
          // The first vertex is bigger once a click on it would close the area.
          radius: first && vertices.length >= 3 ? 8 : 5,
          color: theme.markerOutline,
          weight: 2,
          fillColor: first ? theme.focus : theme.alertArea,
          fillOpacity: 1,
          interactive: false,
          className: first ? 'alert-vertex alert-vertex-first' : 'alert-vertex',
        }),
      );
    });
    if (vertices.length > 0) {
      this.follow.next = L.polyline([], { ...draftStyle, pane: 'drawing', fill: false });
      if (vertices.length >= 2) {
        this.follow.back = L.polyline([], { ...draftStyle, pane: 'drawing', fill: false, opacity: 0.5, weight: 2 });
      }
    }
  }

  /** Moves what follows the pointer; adds it to the map once there is a pointer to follow. */
  private followPointer(): void {
    const { tool, centre, vertices } = this.drawing;
    const at = this.cursor;
    if (!at) return;
    const { circle, radius, label, next, back } = this.follow;
    if (tool === 'circle' && centre && circle && radius && label) {
      const metres = distanceM(centre, at);
      circle.setRadius(metres);
      radius.setLatLngs([ll(centre), ll(at)]);
      label.setLatLng(midpoint(centre, at));
      label.setIcon(this.radiusIcon(metres));
      const bad = circleProblem(Math.round(metres)) !== null;
      circle.setStyle({ color: bad ? theme.error : theme.markerOutline });
      for (const layer of [circle, radius, label]) if (!this.draft.hasLayer(layer)) this.draft.addLayer(layer);
    } else if (tool === 'polygon' && vertices.length > 0 && next) {
      next.setLatLngs([ll(vertices[vertices.length - 1]), ll(at)]);
      if (!this.draft.hasLayer(next)) this.draft.addLayer(next);
      if (back) {
        back.setLatLngs([ll(at), ll(vertices[0])]);
        if (!this.draft.hasLayer(back)) this.draft.addLayer(back);
      }
    }
  }

  private radiusLabel(at: L.LatLngExpression, metres: number): L.Marker {
    return L.marker(at, { pane: 'drawing', icon: this.radiusIcon(metres), interactive: false, keyboard: false });
  }

  /** The radius written at the middle of the radius line, as text. */
  private radiusIcon(metres: number): TextIcon {
    return new TextIcon(
      formatDistance(this.lang, Math.round(metres)),
      { className: 'alert-radius-label', iconSize: [0, 0] },
      'alert-radius-text',
    );
  }

  private readonly onPress = (event: L.LeafletMouseEvent) => {
    if (!this.drawing.tool || event.originalEvent.button !== 0) return;
    this.pressedAt = event.containerPoint;
    this.onDraw({ type: 'press', at: point(event.latlng) });
  };

  private readonly onRelease = (event: L.LeafletMouseEvent) => {
    if (!this.drawing.tool || event.originalEvent.button !== 0) return;
    const dragged = this.pressedAt !== null && this.pressedAt.distanceTo(event.containerPoint) > DRAG_PX;
    this.pressedAt = null;
    this.onDraw({ type: 'release', at: point(event.latlng), dragged });
  };

  private readonly onClick = (event: L.LeafletMouseEvent) => {
    const { tool, vertices } = this.drawing;
    if (tool !== 'polygon') return;
    const first = vertices.length > 0 ? this.map.latLngToContainerPoint(ll(vertices[0])) : null;
    const nearFirst = first !== null && first.distanceTo(event.containerPoint) <= CLOSE_PX;
    this.onDraw({ type: 'tap', at: point(event.latlng), nearFirst });
  };

  private readonly onDoubleClick = () => {
    if (this.drawing.tool === 'polygon') this.onDraw({ type: 'finish' });
  };

  private readonly onMove = (event: L.LeafletMouseEvent) => {
    if (!this.drawing.tool) return;
    this.cursor = point(event.latlng);
    this.followPointer();
  };
}

function areaLayer(area: AlertArea, style: L.PathOptions): L.Circle | L.Polygon {
  return isCircleArea(area)
    ? L.circle(ll(area.circle.center), { ...style, radius: area.circle.radiusM })
    : L.polygon(area.polygon.map(ll), style);
}
