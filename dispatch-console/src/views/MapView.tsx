import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleConfig, IncidentDetail, IncidentSummary, Station } from '../api/types';
import { useI18n } from '../i18n';
import { MapLayers, type MapStatus } from './mapLayers';

export interface MapViewProps {
  config: ConsoleConfig | null;
  queue: IncidentSummary[];
  stations: Station[];
  selectedId: string | null;
  detail: IncidentDetail | null;
  onSelect: (id: string) => void;
}

/** The map panel: Leaflet owns the inside of the container, fed from the store's state. */
export function MapView({ config, queue, stations, selectedId, detail, onSelect }: MapViewProps) {
  const { t, lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const layers = useRef<MapLayers | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [status, setStatus] = useState<MapStatus>({ tiles: 'none', outlines: 'loading' });

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLayers(container.current, (id) => select.current(id), setStatus);
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
