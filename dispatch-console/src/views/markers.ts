// How an incident is drawn on the map: pure, so it is tested without Leaflet (mapLayers.ts draws it).
import type { IncidentSummary } from '../api/types';
import type { Translate } from '../i18n';
import { isAlarm, shortId } from '../state/queue';
import { incidentColours, theme } from './palette';

/**
 * A circle in the status colour, bigger when NEW, outlined in the focus colour when selected. An
 * alarm incident's outline is dashed: the mark of a fire-alarm transmitter, with the words in the
 * tooltip (the colour is the status's, as on every marker).
 */
export function incidentMarkerStyle(incident: IncidentSummary, selected: boolean) {
  const isNew = incident.status === 'NEW';
  const alarm = isAlarm(incident);
  const classes = [isNew ? 'marker-new' : '', alarm ? 'marker-alarm' : ''].filter(Boolean);
  return {
    radius: (isNew ? 13 : 10) + (selected ? 4 : 0),
    color: selected ? theme.focus : theme.markerOutline,
    weight: selected ? 5 : alarm ? 4 : 3,
    dashArray: alarm ? '5 3' : undefined,
    fillColor: incidentColours[incident.status].bg,
    fillOpacity: 1,
    className: classes.join(' '),
  };
}

/**
 * "#3F4A5B · Mới · Cháy · Hà Nội": an incident marker's tooltip; an alarm incident's adds
 * "Báo cháy tự động · Tràng Tiền Plaza · Vùng 015".
 */
export function incidentTooltip(incident: IncidentSummary, t: Translate): string {
  const place = incident.province ?? t('queue.noProvince');
  const parts = [`#${shortId(incident.id)}`, t(`status.${incident.status}`), t(`kind.${incident.kind}`), place];
  if (isAlarm(incident)) {
    parts.push(t('alarm.badge'));
    if (incident.premises?.name) parts.push(incident.premises.name);
    if (incident.premises?.zone) parts.push(t('alarm.zone', { zone: incident.premises.zone }));
  }
  return parts.join(' · ');
}
