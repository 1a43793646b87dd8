import { INCIDENT_STATUSES, type IncidentSummary, type TrustLevel, type Unit } from '../api/types';
import type { ConsoleState } from './console';

const statusRank = new Map(INCIDENT_STATUSES.map((status, index) => [status, index]));
const trustRank: Record<TrustLevel, number> = { TRUSTED: 0, NORMAL: 1, UNVERIFIED: 2 };

/** An incident's trust level; an older backend sends none, which reads as NORMAL. */
export function trustLevel(incident: IncidentSummary): TrustLevel {
  const level = incident.trust?.level;
  return level === 'TRUSTED' || level === 'UNVERIFIED' ? level : 'NORMAL';
}

/**
 * Whether a fire-alarm transmitter opened the incident or signalled into it (a citizen may have
 * reported first): its row and marker then carry the alarm mark.
 */
export function isAlarm(incident: Pick<IncidentSummary, 'source' | 'premises'>): boolean {
  return incident.source === 'ALARM_DEVICE' || Boolean(incident.premises);
}

const time = (iso: string | undefined): number => {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? 0 : at;
};

interface SortKey {
  group: number;
  rank: number;
  recent: number;
  opened: number;
}

/** Sort keys by incident object: an unchanged incident keeps its object, so its key is reused. */
const sortKeys = new WeakMap<IncidentSummary, SortKey>();

function sortKey(incident: IncidentSummary): SortKey {
  let key = sortKeys.get(incident);
  if (!key) {
    const isNew = incident.status === 'NEW';
    key = {
      group: isNew ? 0 : 1,
      rank: isNew ? trustRank[trustLevel(incident)] : (statusRank.get(incident.status) ?? 99),
      recent: isNew ? time(incident.lastReportAt) : 0,
      opened: time(incident.openedAt),
    };
    sortKeys.set(incident, key);
  }
  return key;
}

/**
 * The queue as the dispatcher sees it: NEW first, the most trusted first (TRUSTED, NORMAL, then
 * UNVERIFIED, which is never hidden) and, within a level, the most recent report first; then the
 * other statuses in the order an incident goes through them, the most recently opened first.
 * Sort keys are computed once per incident object: the queue may hold tens of thousands.
 */
export function sortQueue(incidents: Record<string, IncidentSummary>): IncidentSummary[] {
  const keyed = Object.values(incidents).map((incident) => ({ incident, key: sortKey(incident) }));
  keyed.sort(
    ({ incident: ia, key: a }, { incident: ib, key: b }) =>
      a.group - b.group ||
      a.rank - b.rank ||
      b.recent - a.recent ||
      b.opened - a.opened ||
      (ia.id < ib.id ? -1 : ia.id > ib.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.incident);
}

/** One line of the queue list: an incident, or a burst group (one source's many NEW incidents). */
export type QueueRow =
  | {
      kind: 'incident';
      incident: IncidentSummary;
      /** The burst group it is listed under (the group is expanded), if any. */
      burstKey: string | null;
    }
  | {
      kind: 'burst';
      key: string;
      /** The group's incidents in queue order; the first is its best, where the group is placed. */
      members: IncidentSummary[];
      expanded: boolean;
    };

/**
 * The queue's lines: the sorted incidents, where the NEW incidents of one burst (one source that
 * opened 3 or more within 10 minutes) become one group line placed where its best member would be,
 * collapsed unless the dispatcher expanded it (its members then follow it). A burst with only one
 * NEW incident left in the queue is an ordinary line; acknowledged ones are always their own line.
 */
export function queueRows(
  queue: readonly IncidentSummary[],
  expanded: Record<string, true> = {},
): QueueRow[] {
  const members = new Map<string, IncidentSummary[]>();
  for (const incident of queue) {
    const key = burstKeyOf(incident);
    if (key === null) continue;
    const list = members.get(key);
    if (list) list.push(incident);
    else members.set(key, [incident]);
  }
  const rows: QueueRow[] = [];
  for (const incident of queue) {
    const key = burstKeyOf(incident);
    const group = key === null ? undefined : members.get(key);
    if (key === null || !group || group.length < 2) {
      rows.push({ kind: 'incident', incident, burstKey: null });
      continue;
    }
    if (group[0] !== incident) continue; // listed under its group, placed at the best member
    const open = Boolean(expanded[key]);
    rows.push({ kind: 'burst', key, members: group, expanded: open });
    if (open) for (const member of group) rows.push({ kind: 'incident', incident: member, burstKey: key });
  }
  return rows;
}

function burstKeyOf(incident: IncidentSummary): string | null {
  if (incident.status !== 'NEW') return null;
  const key = incident.burst?.key;
  return typeof key === 'string' && key !== '' ? key : null;
}

/** The index of the line showing `selectedId`: its own line, or its collapsed group's; -1 if none. */
export function rowIndexOf(rows: readonly QueueRow[], selectedId: string | null): number {
  if (selectedId === null) return -1;
  return rows.findIndex((row) =>
    row.kind === 'incident'
      ? row.incident.id === selectedId
      : !row.expanded && row.members.some((m) => m.id === selectedId),
  );
}

/** The incident a line stands for: its own, or a collapsed group's best; null for an open group's header. */
function rowTarget(row: QueueRow): string | null {
  if (row.kind === 'incident') return row.incident.id;
  return row.expanded ? null : row.members[0].id;
}

/**
 * J/K over the queue's lines: the incident `delta` lines away from the one showing the selection
 * (no wrap-around). A collapsed burst group is one stop (its best incident is selected); an
 * expanded one's header is skipped, its members are stops. With nothing selected, or the selection
 * gone from the queue, moving starts at the top.
 */
export function moveInQueue(
  rows: readonly QueueRow[],
  selectedId: string | null,
  delta: number,
): string | null {
  const stops: number[] = [];
  rows.forEach((row, index) => rowTarget(row) !== null && stops.push(index));
  if (stops.length === 0) return selectedId;
  const at = rowIndexOf(rows, selectedId);
  const position = stops.indexOf(at);
  if (position < 0) return rowTarget(rows[stops[0]]);
  const target = Math.min(Math.max(position + delta, 0), stops.length - 1);
  return rowTarget(rows[stops[target]]);
}

export function newCount(state: Pick<ConsoleState, 'incidents'>): number {
  let count = 0;
  for (const incident of Object.values(state.incidents)) if (incident.status === 'NEW') count++;
  return count;
}

/**
 * How many NEW incidents wait: the queue's own count, or after a truncated snapshot the server's
 * true count (never fewer than the queue shows: events may have arrived since it was polled).
 */
export function newTotal(state: Pick<ConsoleState, 'truncated' | 'counts'>, shown: number): number {
  if (!state.truncated || !state.counts) return shown;
  return Math.max(state.counts.new, shown);
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

/** At most this many incidents are offered to merge into (a select of 60 000 options is no use). */
export const MERGE_CANDIDATES_MAX = 200;

/**
 * Incidents the selected one can be merged into: every other open incident, in queue order; in a
 * flood, only the nearest MERGE_CANDIDATES_MAX of them (a duplicate is a nearby incident).
 */
export function mergeCandidates(
  queue: readonly IncidentSummary[],
  selectedId: string | null,
): IncidentSummary[] {
  const others = queue.filter((incident) => incident.id !== selectedId);
  if (others.length <= MERGE_CANDIDATES_MAX) return others;
  const selected = queue.find((incident) => incident.id === selectedId);
  if (!selected) return others.slice(0, MERGE_CANDIDATES_MAX);
  const { lat, lon } = selected.location;
  const scale = Math.cos((lat * Math.PI) / 180);
  const distances = new Float64Array(others.length);
  others.forEach((incident, index) => {
    distances[index] = (incident.location.lat - lat) ** 2 + ((incident.location.lon - lon) * scale) ** 2;
  });
  // The distance of the MERGE_CANDIDATES_MAX-th nearest (a numeric sort of a copy: fast).
  const limit = Float64Array.from(distances).sort()[MERGE_CANDIDATES_MAX - 1];
  const nearest: IncidentSummary[] = [];
  for (let index = 0; index < others.length && nearest.length < MERGE_CANDIDATES_MAX; index++) {
    if (distances[index] <= limit) nearest.push(others[index]);
  }
  return nearest;
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
