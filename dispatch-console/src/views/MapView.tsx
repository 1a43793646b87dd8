import { useEffect, useRef, useState } from 'preact/hooks';
import type { AlertArea, AreaAlert, ConsoleConfig, IncidentDetail, IncidentSummary, Station } from '../api/types';
import { useI18n } from '../i18n';
import { type DrawEvent, type Drawing, NO_DRAWING } from './alertDraw';
import { MapLayers, type MapStatus } from './mapLayers';

export interface MapViewProps {
  config: ConsoleConfig | null;
  queue: IncidentSummary[];
  stations: Station[];
  selectedId: string | null;
  detail: IncidentDetail | null;
  onSelect: (id: string) => void;
  /** Area alerts to draw. */
  alerts?: readonly AreaAlert[];
  /** The alert area being drawn or about to be sent. */
  drawing?: Drawing;
  onDraw?: (event: DrawEvent) => void;
  /** An area to show whole; a new object each time it is asked for. */
  focus?: { area: AlertArea } | null;
}

const NO_ALERTS: readonly AreaAlert[] = [];

/** The map panel: Leaflet owns the inside of the container, fed from the store's state. */
export function MapView(props: MapViewProps) {
  const { config, queue, stations, selectedId, detail, onSelect } = props;
  const { alerts = NO_ALERTS, drawing = NO_DRAWING, onDraw, focus = null } = props;
  const { t, lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const layers = useRef<MapLayers | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const draw = useRef(onDraw);
  draw.current = onDraw;
  const [status, setStatus] = useState<MapStatus>({ tiles: 'none', outlines: 'loading' });

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLayers(
      container.current,
      (id) => select.current(id),
      setStatus,
      (event) => draw.current?.(event),
    );
    layers.current = map;
    return () => {
      layers.current = null;
      map.destroy();
    };
  }, []);

  useEffect(() => layers.current?.setConfig(config), [config]);
  useEffect(() => layers.current?.setStations(stations, t), [stations, lang]);
  useEffect(() => layers.current?.setIncidents(queue, selectedId, t), [queue, selectedId, lang]);
  const shown = detail && detail.id === selectedId ? detail : null;
  useEffect(() => layers.current?.setSelection(shown, lang), [shown, lang]);
  useEffect(() => layers.current?.setAlerts(alerts, lang, t), [alerts, lang]);
  useEffect(() => layers.current?.setDrawing(drawing, lang), [drawing, lang]);
  useEffect(() => {
    if (focus) layers.current?.focusArea(focus.area);
  }, [focus]);

  const offline = status.tiles !== 'ok';
  return (
    <section class="panel map-panel" aria-label={t('map.title')}>
      <div class="map" data-testid="map" data-tiles={status.tiles} data-outlines={status.outlines} ref={container} />
      {(offline || status.outlines === 'failed') && (
        <div class="map-note" data-testid="map-note">
          {status.outlines === 'failed' ? t('map.outlinesMissing') : t('map.offline')}
        </div>
      )}
    </section>
  );
}
