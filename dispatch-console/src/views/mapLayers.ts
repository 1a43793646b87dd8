import L from 'leaflet';
// Adds L.MarkerClusterGroup to the Leaflet loaded above (its script uses the global L).
import 'leaflet.markercluster';
import type {
  AlertArea,
  AreaAlert,
  ConsoleConfig,
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  Station,
} from '../api/types';
import type { Lang, Translate } from '../i18n';
import { formatDistance } from '../i18n/format';
import type { DrawEvent, Drawing } from './alertDraw';
import { AlertLayers } from './alertLayers';
import { CULL_OFFSCREEN_ABOVE, clusterSize, clusterTone } from './clusters';
import { incidentMarkerStyle, incidentTooltip } from './markers';
import { clusterColours, theme } from './palette';
import { bindLazyTextTooltip, bindTextTooltip, escapeHtml, TextIcon } from './safe';

/** The console's own copy of the province outlines (see public/geo/README.md). */
export const OUTLINES_URL = `${import.meta.env.BASE_URL}geo/provinces-vn.geojson`;
/** The credit the outlines' licence asks for (public/geo/README.md). */
const OUTLINES_CREDIT =
  'Province boundaries: Vietnam-Shape-Map © 2025 Talia Cao (MIT), after Open Development Vietnam';
const DEFAULT_CENTER: L.LatLngExpression = [16.0, 106.5];
const DEFAULT_ZOOM = 6;
const MAX_ZOOM = 19;

export type TileState = 'none' | 'loading' | 'ok' | 'failing';
export type OutlineState = 'loading' | 'ok' | 'failed';

export interface MapStatus {
  tiles: TileState;
  outlines: OutlineState;
}

const ll = (p: { lat: number; lon: number }): L.LatLngTuple => [p.lat, p.lon];

/**
 * The Leaflet map, driven imperatively by MapView. Layers, bottom to top: tiles (when the server
 * configures them and they load), province outlines (always: the offline base layer), area
 * alerts (alertLayers.ts), stations,
 * the selection's lines and accuracy circles, incidents (clustered: a cluster writes its count and
 * is coloured like NEW when most of it is NEW), the selected incident, never clustered, and the
 * alert area being drawn on top.
 */
export class MapLayers {
  private readonly map: L.Map;
  private tiles: L.TileLayer | null = null;
  private tileUrl: string | null = null;
  private outlines: L.GeoJSON | null = null;
  private readonly stations = L.layerGroup();
  private readonly selection = L.layerGroup();
  /** Every incident but the selected one, clustered. */
  private readonly clusters: L.MarkerClusterGroup;
  /** The selected incident's marker, out of the clusters and above them. */
  private readonly selected = L.layerGroup();
  private readonly markers = new Map<string, L.CircleMarker>();
  /** What each marker was last drawn from: an unchanged incident (same object) is left alone. */
  private readonly drawn = new Map<string, { incident: IncidentSummary; selected: boolean }>();
  private readonly statusOf = new WeakMap<L.Layer, IncidentStatus>();
  /** Where each marker is: in the clusters, or alone in the selection layer. */
  private readonly placed = new WeakMap<L.Layer, 'cluster' | 'selected'>();
  private lastTranslate: Translate | null = null;
  private status: MapStatus = { tiles: 'none', outlines: 'loading' };
  private fittedId: string | null = null;
  private configured = false;
  private readonly resize: ResizeObserver | null;
  /** Area alerts, and drawing a new alert's area. */
  private readonly alerts: AlertLayers;

  constructor(
    container: HTMLElement,
    private readonly onSelect: (id: string) => void,
    private readonly onStatus: (status: MapStatus) => void,
    onDraw: (event: DrawEvent) => void = () => {},
  ) {
    this.map = L.map(container, {
      center: DEFAULT_CENTER,
      zoom: DEFAULT_ZOOM,
      // Clustering needs a highest zoom even with no tile layer (the offline map).
      maxZoom: MAX_ZOOM,
      zoomControl: true,
      attributionControl: true,
      keyboard: false, // the console's own shortcuts use the arrow keys
    });
    this.map.attributionControl.setPrefix('Leaflet');
    this.map.createPane('outlines').style.zIndex = '250';
    this.map.createPane('stations').style.zIndex = '380';
    // Cluster icons under the incident markers, whose pane lets clicks through where nothing is
    // drawn (styles.css), so the selected incident, never clustered, is always on top.
    this.map.createPane('clusters').style.zIndex = '440';
    this.map.createPane('incidents').style.zIndex = '450';
    this.clusters = L.markerClusterGroup({
      clusterPane: 'clusters',
      maxClusterRadius: 60,
      showCoverageOnHover: false,
      zoomToBoundsOnClick: true,
      spiderfyOnMaxZoom: true,
      removeOutsideVisibleBounds: false,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    });
    this.alerts = new AlertLayers(this.map, onDraw);
    this.stations.addTo(this.map);
    this.selection.addTo(this.map);
    this.clusters.addTo(this.map);
    this.selected.addTo(this.map);
    this.resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => this.map.invalidateSize());
    this.resize?.observe(container);
    void this.loadOutlines();
  }

  destroy(): void {
    this.resize?.disconnect();
    this.map.remove();
  }

  setConfig(config: ConsoleConfig | null): void {
    if (!config) return;
    if (!this.configured) {
      this.configured = true;
      this.map.setView(ll(config.mapCenter), config.mapZoom);
    }
    if (config.tileUrl === this.tileUrl) return;
    this.tiles?.remove();
    this.tiles = null;
    this.tileUrl = config.tileUrl;
    if (!config.tileUrl) {
      this.setStatus({ tiles: 'none' });
      return;
    }
    const tiles = L.tileLayer(config.tileUrl, {
      maxZoom: MAX_ZOOM,
      // Leaflet shows attributions as HTML: the configured text is shown as text.
      attribution: config.tileAttribution ? escapeHtml(config.tileAttribution) : undefined,
    });
    let loaded = 0;
    let failed = 0;
    tiles.on('tileload', () => {
      loaded++;
      this.setStatus({ tiles: 'ok' });
    });
    tiles.on('tileerror', () => {
      failed++;
      if (loaded === 0 || failed > loaded) this.setStatus({ tiles: 'failing' });
    });
    tiles.addTo(this.map);
    this.tiles = tiles;
    this.setStatus({ tiles: 'loading' });
  }

  setStations(stations: Station[], t: Translate): void {
    this.stations.clearLayers();
    for (const station of stations) {
      const marker = L.marker(ll(station.location), {
        pane: 'stations',
        icon: stationIcon(),
        keyboard: false,
      });
      bindTextTooltip(marker, `${t('map.station')}: ${station.name}`, { direction: 'top' });
      this.stations.addLayer(marker);
    }
  }

  /**
   * Brings the markers in line with the queue. Only incidents that changed (a new object from the
   * store) or the selection are redrawn: the queue may hold tens of thousands. Tooltips are worked
   * out when they open, so a change of language redraws nothing.
   * Markers leave the clusters before they join the selection layer, and join the clusters last,
   * so a marker is never in both.
   */
  setIncidents(queue: IncidentSummary[], selectedId: string | null, t: Translate): void {
    const relabel = t !== this.lastTranslate;
    this.lastTranslate = t;
    // In a flood, markers far from the view leave the page (read by the clusters at each move).
    (this.clusters.options as L.MarkerClusterGroupOptions).removeOutsideVisibleBounds =
      queue.length > CULL_OFFSCREEN_ABOVE;
    const seen = new Set<string>();
    const leaveClusters: L.CircleMarker[] = [];
    const joinClusters: L.CircleMarker[] = [];
    const restyled: L.CircleMarker[] = [];
    for (const incident of queue) {
      seen.add(incident.id);
      const selected = incident.id === selectedId;
      const before = this.drawn.get(incident.id);
      if (before && before.incident === incident && before.selected === selected) continue;

      const style = incidentMarkerStyle(incident, selected);
      let marker = this.markers.get(incident.id);
      if (!marker) {
        marker = L.circleMarker(ll(incident.location), { ...style, pane: 'incidents' });
        const id = incident.id;
        marker.on('click', () => this.onSelect(id));
        // Worked out when it opens, from the incident as last drawn and the current language.
        bindLazyTextTooltip(marker, () => this.tooltipText(id), { direction: 'top', offset: [0, -8] });
        this.markers.set(incident.id, marker);
      }
      const place = this.placed.get(marker) ?? null;
      if (place === 'cluster' && selected) leaveClusters.push(marker);
      // A clustered marker that moves (reports joined) is re-clustered by the clusters themselves.
      const at = ll(incident.location);
      if (!before || before.incident.location.lat !== at[0] || before.incident.location.lon !== at[1]) {
        marker.setLatLng(at);
      }
      marker.setStyle(style);
      marker.setRadius(style.radius);
      // Leaflet applies className only when the path is created.
      const path = marker.getElement();
      path?.classList.toggle('marker-new', incident.status === 'NEW');
      path?.classList.toggle('marker-alarm', style.className.includes('marker-alarm'));
      this.statusOf.set(marker, incident.status);
      if (!selected) {
        // Stays in its cluster (whose colour may change), or joins the clusters.
        if (place === 'cluster') restyled.push(marker);
        else joinClusters.push(marker);
      }
      this.drawn.set(incident.id, { incident, selected });
      // An open tooltip shows the change at once; a closed one is worked out when it opens.
      if (marker.isTooltipOpen()) marker.getTooltip()?.update();
    }
    if (relabel) {
      for (const marker of this.markers.values()) if (marker.isTooltipOpen()) marker.getTooltip()?.update();
    }
    for (const [id, marker] of this.markers) {
      if (seen.has(id)) continue;
      if (this.placed.get(marker) === 'cluster') leaveClusters.push(marker);
      this.markers.delete(id);
      this.drawn.delete(id);
    }

    const select = (selectedId !== null && this.markers.get(selectedId)) || null;
    if (leaveClusters.length) this.clusters.removeLayers(leaveClusters);
    for (const marker of leaveClusters) this.placed.delete(marker);
    // The selection layer holds the selected incident only (one that was selected and is still
    // queued was put in joinClusters above).
    this.selected.eachLayer((layer) => {
      if (layer === select) return;
      this.selected.removeLayer(layer);
      this.placed.delete(layer);
    });
    if (select) {
      if (!this.selected.hasLayer(select)) this.selected.addLayer(select);
      this.placed.set(select, 'selected');
      select.bringToFront();
    }
    if (joinClusters.length) this.clusters.addLayers(joinClusters);
    for (const marker of joinClusters) this.placed.set(marker, 'cluster');
    if (restyled.length) this.clusters.refreshClusters(restyled as unknown as L.Marker[]);
  }

  setAlerts(alerts: readonly AreaAlert[], lang: Lang, t: Translate): void {
    this.alerts.setAlerts(alerts, lang, t);
  }

  setDrawing(drawing: Drawing, lang: Lang): void {
    this.alerts.setDrawing(drawing, lang);
  }

  focusArea(area: AlertArea): void {
    this.alerts.focus(area);
  }

  /** An incident marker's tooltip (markers.ts), from the incident as last drawn. */
  private tooltipText(id: string): string {
    const incident = this.drawn.get(id)?.incident;
    const t = this.lastTranslate;
    if (!incident || !t) return '';
    return incidentTooltip(incident, t);
  }

  /** A cluster's icon: its count, written as text, on a colour saying whether most of it is NEW. */
  private clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
    const count = cluster.getChildCount();
    const tone = clusterTone(cluster.getAllChildMarkers().map((m) => this.statusOf.get(m)));
    const size = clusterSize(count);
    return new TextIcon(
      String(count),
      { className: `incident-cluster cluster-${tone}`, iconSize: [size, size] },
      'incident-cluster-count',
      clusterColours[tone],
    );
  }

  /** The selected incident: its reports' accuracy circles and lines to the recommended stations. */
  setSelection(detail: IncidentDetail | null, lang: Lang): void {
    this.selection.clearLayers();
    if (!detail) {
      this.fittedId = null;
      return;
    }
    const at = ll(detail.location);
    const bounds = L.latLngBounds([at, at]);
    for (const station of detail.recommendedStations) {
      const to = ll(station.location);
      bounds.extend(to);
      const line = L.polyline([at, to], {
        color: theme.link,
        weight: 3,
        dashArray: '8 6',
        interactive: false,
      });
      bindTextTooltip(
        line,
        formatDistance(lang, station.distanceM),
        { permanent: true, direction: 'center', className: 'distance-label' },
      );
      this.selection.addLayer(line);
      const marker = L.marker(to, { pane: 'stations', icon: stationIcon(true), keyboard: false });
      bindTextTooltip(marker, `${station.name} · ${formatDistance(lang, station.distanceM)}`, {
        direction: 'top',
      });
      this.selection.addLayer(marker);
    }
    for (const report of detail.reports) {
      const where = ll(report.location);
      if (report.location.accuracyM !== null && report.location.accuracyM > 0) {
        this.selection.addLayer(
          L.circle(where, {
            radius: report.location.accuracyM,
            color: theme.focus,
            weight: 2,
            fillColor: theme.focus,
            fillOpacity: 0.12,
            interactive: false,
          }),
        );
      }
      this.selection.addLayer(
        L.circleMarker(where, {
          radius: 4,
          color: theme.focus,
          fillColor: theme.focus,
          fillOpacity: 1,
          weight: 1,
          interactive: false,
        }),
      );
    }
    if (this.fittedId !== detail.id) {
      this.fittedId = detail.id;
      this.map.fitBounds(bounds.pad(0.15), { maxZoom: 14, animate: false });
    }
  }

  private async loadOutlines(): Promise<void> {
    try {
      const response = await fetch(OUTLINES_URL);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = (await response.json()) as GeoJSON.FeatureCollection;
      this.outlines = L.geoJSON(data, {
        pane: 'outlines',
        interactive: true,
        attribution: escapeHtml(OUTLINES_CREDIT),
        style: () => this.outlineStyle(),
        onEachFeature: (feature, layer) => {
          const name: unknown = feature.properties?.name;
          if (typeof name === 'string') bindTextTooltip(layer, name, { sticky: true });
        },
      });
      this.outlines.addTo(this.map);
      this.setStatus({ outlines: 'ok' });
    } catch {
      this.setStatus({ outlines: 'failed' });
    }
  }

  /** Filled provinces when there is no working tile layer underneath, lines only over tiles. */
  private outlineStyle(): L.PathOptions {
    const overTiles = this.status.tiles === 'ok';
    return {
      color: theme.provinceLine,
      weight: 1.2,
      fillColor: theme.provinceFill,
      fillOpacity: overTiles ? 0 : 1,
    };
  }

  private setStatus(change: Partial<MapStatus>): void {
    const next = { ...this.status, ...change };
    if (next.tiles === this.status.tiles && next.outlines === this.status.outlines) return;
    this.status = next;
    this.outlines?.setStyle(() => this.outlineStyle());
    this.onStatus(next);
  }
}

function stationIcon(recommended = false): L.DivIcon {
  return L.divIcon({
    className: recommended ? 'station-icon recommended' : 'station-icon',
    html: '',
    iconSize: recommended ? [20, 20] : [16, 16],
  });
}
