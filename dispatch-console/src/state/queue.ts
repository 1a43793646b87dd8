import { INCIDENT_STATUSES, type IncidentSummary, type Unit } from '../api/types';
import type { ConsoleState } from './console';

const statusRank = new Map(INCIDENT_STATUSES.map((status, index) => [status, index]));

/**
 * The queue as the dispatcher sees it: NEW first, then the other statuses in the order an
 * incident goes through them; within a status, the most recently opened first.
 */
export function sortQueue(incidents: Record<string, IncidentSummary>): IncidentSummary[] {
  return Object.values(incidents).sort(
    (a, b) =>
      (statusRank.get(a.status) ?? 99) - (statusRank.get(b.status) ?? 99) ||
      Date.parse(b.openedAt) - Date.parse(a.openedAt) ||
      a.id.localeCompare(b.id),
  );
}

export function newCount(state: Pick<ConsoleState, 'incidents'>): number {
  let count = 0;
  for (const incident of Object.values(state.incidents)) if (incident.status === 'NEW') count++;
  return count;
}

/** "(3) Báo cháy 114" while incidents wait to be acknowledged, otherwise the plain name. */
export function pageTitle(newIncidents: number, appName: string): string {
  return newIncidents > 0 ? `(${newIncidents}) ${appName}` : appName;
}

/**
 * The incident `delta` rows away from the selected one (no wrap-around at the ends). With nothing
 * selected, or the selection gone from the queue, moving starts at the top.
 */
export function moveSelection(
  queue: readonly IncidentSummary[],
  selectedId: string | null,
  delta: number,
): string | null {
  if (queue.length === 0) return selectedId;
  const index = queue.findIndex((incident) => incident.id === selectedId);
  if (index < 0) return queue[0].id;
  const target = Math.min(Math.max(index + delta, 0), queue.length - 1);
  return queue[target].id;
}

/** Incidents the selected one can be merged into: every other open incident. */
export function mergeCandidates(
  queue: readonly IncidentSummary[],
  selectedId: string | null,
): IncidentSummary[] {
  return queue.filter((incident) => incident.id !== selectedId);
}

/** The unit board: by province, station, then call sign. */
export function sortUnits(units: Record<string, Unit>): Unit[] {
  return Object.values(units).sort(
    (a, b) =>
      a.province.localeCompare(b.province, 'vi') ||
      a.stationName.localeCompare(b.stationName, 'vi') ||
      a.callsign.localeCompare(b.callsign, 'vi'),
  );
}

/**
 * A short, readable reference for an incident id: its last six characters, which are random in
 * both random (v4) and time-ordered (v7) UUIDs, whose first characters are shared for hours.
 */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(-6).toUpperCase();
}
