import L from 'leaflet';
import type { ConsoleConfig, IncidentDetail, IncidentSummary, Station } from '../api/types';
import type { Lang, Translate } from '../i18n';
import { formatDistance } from '../i18n/format';
import { shortId } from '../state/queue';
import { incidentColours, theme } from './palette';
import { bindTextTooltip, escapeHtml } from './safe';

/** The console's own copy of the province outlines (see public/geo/README.md). */
export const OUTLINES_URL = `${import.meta.env.BASE_URL}geo/provinces-vn.geojson`;
/** The credit the outlines' licence asks for (public/geo/README.md). */
const OUTLINES_CREDIT =
  'Province boundaries: Vietnam-Shape-Map © 2025 Talia Cao (MIT), after Open Development Vietnam';
const DEFAULT_CENTER: L.LatLngExpression = [16.0, 106.5];
const DEFAULT_ZOOM = 6;

export type TileState = 'none' | 'loading' | 'ok' | 'failing';
export type OutlineState = 'loading' | 'ok' | 'failed';

export interface MapStatus {
  tiles: TileState;
  outlines: OutlineState;
}

const ll = (p: { lat: number; lon: number }): L.LatLngTuple => [p.lat, p.lon];

/**
 * The Leaflet map, driven imperatively by MapView. Layers, bottom to top: tiles (when the server
 * configures them and they load), province outlines (always: the offline base layer), stations,
 * the selection's lines and accuracy circles, incidents.
 */
export class MapLayers {
  private readonly map: L.Map;
  private tiles: L.TileLayer | null = null;
  private tileUrl: string | null = null;
  private outlines: L.GeoJSON | null = null;
  private readonly stations = L.layerGroup();
  private readonly selection = L.layerGroup();
  private readonly incidents = L.layerGroup();
  private readonly markers = new Map<string, L.CircleMarker>();
  private status: MapStatus = { tiles: 'none', outlines: 'loading' };
  private fittedId: string | null = null;
  private configured = false;
  private readonly resize: ResizeObserver | null;

  constructor(
    container: HTMLElement,
    private readonly onSelect: (id: string) => void,
    private readonly onStatus: (status: MapStatus) => void,
  ) {
    this.map = L.map(container, {
      center: DEFAULT_CENTER,
      zoom: DEFAULT_ZOOM,
      zoomControl: true,
      attributionControl: true,
      keyboard: false, // the console's own shortcuts use the arrow keys
    });
    this.map.attributionControl.setPrefix('Leaflet');
    this.map.createPane('outlines').style.zIndex = '250';
    this.map.createPane('stations').style.zIndex = '380';
    this.map.createPane('incidents').style.zIndex = '450';
    this.stations.addTo(this.map);
    this.selection.addTo(this.map);
    this.incidents.addTo(this.map);
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
      maxZoom: 19,
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

  setIncidents(queue: IncidentSummary[], selectedId: string | null, t: Translate): void {
    const seen = new Set<string>();
    for (const incident of queue) {
      seen.add(incident.id);
      const selected = incident.id === selectedId;
      const style = markerStyle(incident, selected);
      let marker = this.markers.get(incident.id);
      if (!marker) {
        marker = L.circleMarker(ll(incident.location), { ...style, pane: 'incidents' });
        const id = incident.id;
        marker.on('click', () => this.onSelect(id));
        this.incidents.addLayer(marker);
        this.markers.set(incident.id, marker);
      } else {
        marker.setLatLng(ll(incident.location));
        marker.setStyle(style);
        marker.setRadius(style.radius);
        // Leaflet applies className only when the path is created.
        marker.getElement()?.classList.toggle('marker-new', incident.status === 'NEW');
      }
      marker.unbindTooltip();
      const place = incident.province ?? t('queue.noProvince');
      bindTextTooltip(
        marker,
        `#${shortId(incident.id)} · ${t(`status.${incident.status}`)} · ${t(`kind.${incident.kind}`)} · ${place}`,
        { direction: 'top', offset: [0, -8] },
      );
      if (selected) marker.bringToFront();
    }
    for (const [id, marker] of this.markers) {
      if (seen.has(id)) continue;
      this.incidents.removeLayer(marker);
      this.markers.delete(id);
    }
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

function markerStyle(incident: IncidentSummary, selected: boolean) {
  const isNew = incident.status === 'NEW';
  return {
    radius: (isNew ? 13 : 10) + (selected ? 4 : 0),
    color: selected ? theme.focus : theme.markerOutline,
    weight: selected ? 5 : 3,
    fillColor: incidentColours[incident.status].bg,
    fillOpacity: 1,
    className: isNew ? 'marker-new' : '',
  };
}

function stationIcon(recommended = false): L.DivIcon {
  return L.divIcon({
    className: recommended ? 'station-icon recommended' : 'station-icon',
    html: '',
    iconSize: recommended ? [20, 20] : [16, 16],
  });
}
