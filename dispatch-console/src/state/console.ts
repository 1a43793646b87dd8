import type { LinkState } from '../api/live';
import {
  TERMINAL_STATUSES,
  type ConsoleConfig,
  type EventMessage,
  type IncidentDetail,
  type IncidentSummary,
  type ServerMessage,
  type SnapshotMessage,
  type Station,
  type Unit,
} from '../api/types';
import type { MessageKey } from '../i18n';

/** A parameter of a console text: a value, or another text to translate (a status name). */
export type MessageParam = string | number | { key: MessageKey };

/** The result of the last action, shown in the message area. */
export interface Message {
  kind: 'ok' | 'error';
  /** A console text (translated when shown)... */
  key?: MessageKey;
  params?: Record<string, MessageParam>;
  /** ...or the server's own words (a problem's `detail`), shown as they are. */
  text?: string;
}

export interface ConsoleState {
  link: LinkState;
  /** Highest sequence of a snapshot or event applied: an event at or below it is a duplicate. */
  appliedSeq: number | null;
  /** Highest sequence heard, heartbeats included: a reconnect resumes from here. */
  resumeSeq: number | null;
  hasSnapshot: boolean;
  /** The open incidents of the dispatcher's provinces, by id. */
  incidents: Record<string, IncidentSummary>;
  /** Last version of incidents that left the queue, so a late, older copy cannot bring one back. */
  departed: Record<string, number>;
  /** New incidents nobody has looked at yet (highlighted). */
  fresh: Record<string, true>;
  /** Grows by one each time new incidents arrive: the console beeps when it changes. */
  alerts: number;
  units: Record<string, Unit>;
  /** Grows when the unit board must be fetched again (after a resync, or a dispatch without unit data). */
  unitsEpoch: number;
  stations: Station[];
  config: ConsoleConfig | null;
  selectedId: string | null;
  /** The selected incident's detail as last fetched (null while loading). */
  detail: IncidentDetail | null;
  /** Grows when the selected incident's detail must be fetched again. */
  detailEpoch: number;
  /** Units ticked for dispatch in the detail panel. */
  pickedUnitIds: string[];
  message: Message | null;
  /** The action waiting for the server's answer, if any (its buttons are disabled meanwhile). */
  busy: string | null;
}

export type Action =
  | { type: 'server'; message: ServerMessage }
  | { type: 'link'; state: LinkState }
  | { type: 'select'; id: string | null }
  | { type: 'detailLoaded'; detail: IncidentDetail }
  | { type: 'unitsLoaded'; units: Unit[] }
  | { type: 'unitUpdated'; unit: Unit }
  | { type: 'stationsLoaded'; stations: Station[] }
  | { type: 'configLoaded'; config: ConsoleConfig }
  | { type: 'togglePick'; unitId: string }
  | { type: 'clearPicks' }
  | { type: 'message'; message: Message | null }
  | { type: 'busy'; busy: string | null }
  | { type: 'reloadDetail' }
  | { type: 'reloadUnits' }
  | { type: 'reset' };

export const initialState: ConsoleState = {
  link: 'reconnecting',
  appliedSeq: null,
  resumeSeq: null,
  hasSnapshot: false,
  incidents: {},
  departed: {},
  fresh: {},
  alerts: 0,
  units: {},
  unitsEpoch: 0,
  stations: [],
  config: null,
  selectedId: null,
  detail: null,
  detailEpoch: 0,
  pickedUnitIds: [],
  message: null,
  busy: null,
};

export const isTerminal = (incident: IncidentSummary): boolean =>
  TERMINAL_STATUSES.includes(incident.status);

export function reduce(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case 'server':
      return applyServerMessage(state, action.message);
    case 'link':
      return state.link === action.state ? state : { ...state, link: action.state };
    case 'select':
      return select(state, action.id);
    case 'detailLoaded':
      return detailLoaded(state, action.detail);
    case 'unitsLoaded':
      return withUnits(state, Object.fromEntries(action.units.map((u) => [u.id, u])));
    case 'unitUpdated':
      return withUnits(state, { ...state.units, [action.unit.id]: action.unit });
    case 'stationsLoaded':
      return { ...state, stations: action.stations };
    case 'configLoaded':
      return { ...state, config: action.config };
    case 'togglePick': {
      const picked = state.pickedUnitIds.includes(action.unitId)
        ? state.pickedUnitIds.filter((id) => id !== action.unitId)
        : [...state.pickedUnitIds, action.unitId];
      return { ...state, pickedUnitIds: picked };
    }
    case 'clearPicks':
      return state.pickedUnitIds.length ? { ...state, pickedUnitIds: [] } : state;
    case 'message':
      return { ...state, message: action.message };
    case 'busy':
      return state.busy === action.busy ? state : { ...state, busy: action.busy };
    case 'reloadDetail':
      return { ...state, detailEpoch: state.detailEpoch + 1 };
    case 'reloadUnits':
      return { ...state, unitsEpoch: state.unitsEpoch + 1 };
    case 'reset':
      return initialState;
  }
}

export function applyServerMessage(state: ConsoleState, message: ServerMessage): ConsoleState {
  switch (message.type) {
    case 'snapshot':
      return applySnapshot(state, message);
    case 'event':
      return applyEvent(state, message);
    case 'heartbeat':
      return state.resumeSeq !== null && state.resumeSeq >= message.seq
        ? state
        : { ...state, resumeSeq: message.seq };
  }
}

/** A snapshot is the whole truth as of its sequence: it replaces every open incident. */
function applySnapshot(state: ConsoleState, snapshot: SnapshotMessage): ConsoleState {
  const incidents: Record<string, IncidentSummary> = {};
  for (const incident of snapshot.incidents) {
    if (!isTerminal(incident)) incidents[incident.id] = incident;
  }
  // The first snapshot after login is the starting point, not news; a later one (after a resync)
  // announces the NEW incidents that opened while the console was away.
  const fresh: Record<string, true> = {};
  let announced = false;
  for (const incident of Object.values(incidents)) {
    if (incident.status !== 'NEW') continue;
    if (state.fresh[incident.id]) fresh[incident.id] = true;
    else if (state.hasSnapshot && !state.incidents[incident.id]) {
      fresh[incident.id] = true;
      announced = true;
    }
  }
  return {
    ...state,
    appliedSeq: snapshot.seq,
    resumeSeq: snapshot.seq,
    hasSnapshot: true,
    incidents,
    departed: {},
    fresh,
    alerts: announced ? state.alerts + 1 : state.alerts,
    // Whatever happened to units and to the open detail while away is only known by asking again.
    unitsEpoch: state.unitsEpoch + 1,
    detailEpoch: state.detail ? state.detailEpoch + 1 : state.detailEpoch,
  };
}

function applyEvent(state: ConsoleState, event: EventMessage): ConsoleState {
  if (state.appliedSeq !== null && event.seq <= state.appliedSeq) return state;
  let next: ConsoleState = {
    ...state,
    appliedSeq: event.seq,
    resumeSeq: Math.max(event.seq, state.resumeSeq ?? event.seq),
  };
  if (event.incident) {
    const wasQueued = Boolean(state.incidents[event.incident.id]);
    next = acceptIncident(next, event.incident);
    const incident = next.incidents[event.incident.id];
    if (!wasQueued && incident?.status === 'NEW') {
      next = { ...next, fresh: { ...next.fresh, [incident.id]: true }, alerts: next.alerts + 1 };
    }
  }
  if (event.unit) next = withUnits(next, { ...next.units, [event.unit.id]: event.unit });
  if (event.eventType === 'UnitsDispatched' && !event.unit) {
    next = { ...next, unitsEpoch: next.unitsEpoch + 1 };
  }
  if (concernsDetail(next.detail, event)) next = { ...next, detailEpoch: next.detailEpoch + 1 };
  return next;
}

/** Whether an event may have changed what the open detail panel shows. */
function concernsDetail(detail: IncidentDetail | null, event: EventMessage): boolean {
  if (!detail) return false;
  const id = detail.id;
  if (event.incidentId === id || event.incident?.id === id) return true;
  if (event.incident?.mergedInto === id) return true;
  const unit = event.unit;
  if (!unit) return false;
  return (
    unit.incidentId === id ||
    detail.assignments.some((a) => a.unitId === unit.id) ||
    detail.recommendedStations.some((s) => s.units.some((u) => u.id === unit.id))
  );
}

/**
 * Takes an incident's newer state into the queue: upserts an open one, removes a closed, false
 * or merged one. An older version than the one already known is ignored, so an action's answer
 * and the live event for the same change may arrive in either order.
 */
export function acceptIncident(state: ConsoleState, incident: IncidentSummary): ConsoleState {
  const current = state.incidents[incident.id];
  if (current && current.version > incident.version) return state;
  const departedAt = state.departed[incident.id];
  if (departedAt !== undefined && departedAt >= incident.version) return state;

  if (isTerminal(incident)) {
    const incidents = { ...state.incidents };
    delete incidents[incident.id];
    return {
      ...state,
      incidents,
      departed: { ...state.departed, [incident.id]: incident.version },
      fresh: without(state.fresh, incident.id),
    };
  }
  return {
    ...state,
    incidents: { ...state.incidents, [incident.id]: summaryOf(incident) },
    fresh: incident.status === 'NEW' ? state.fresh : without(state.fresh, incident.id),
  };
}

function select(state: ConsoleState, id: string | null): ConsoleState {
  const sameIncident = id !== null && state.detail?.id === id;
  return {
    ...state,
    selectedId: id,
    detail: sameIncident ? state.detail : null,
    detailEpoch: state.detailEpoch + 1,
    pickedUnitIds: id === state.selectedId ? state.pickedUnitIds : [],
    fresh: id === null ? state.fresh : without(state.fresh, id),
  };
}

function detailLoaded(state: ConsoleState, detail: IncidentDetail): ConsoleState {
  let next = acceptIncident(state, detail);
  if (detail.id !== next.selectedId) return next;
  const shown = next.detail;
  if (shown && shown.id === detail.id && shown.version > detail.version) return next;
  const available = availableUnitIds(detail);
  next = {
    ...next,
    detail,
    pickedUnitIds: next.pickedUnitIds.filter((unitId) => available.has(unitId)),
  };
  return next;
}

/** A new unit list; any ticked unit that is no longer available is unticked. */
function withUnits(state: ConsoleState, units: Record<string, Unit>): ConsoleState {
  const picked = state.pickedUnitIds.filter((id) => !units[id] || units[id].status === 'AVAILABLE');
  return {
    ...state,
    units,
    pickedUnitIds: picked.length === state.pickedUnitIds.length ? state.pickedUnitIds : picked,
  };
}

export function availableUnitIds(detail: IncidentDetail): Set<string> {
  const ids = new Set<string>();
  for (const station of detail.recommendedStations) {
    for (const unit of station.units) if (unit.status === 'AVAILABLE') ids.add(unit.id);
  }
  return ids;
}

/** The summary part of an incident (a detail carries reports etc. that the queue does not keep). */
export function summaryOf(incident: IncidentSummary): IncidentSummary {
  const {
    id,
    kind,
    status,
    province,
    location,
    reportCount,
    firstReportAt,
    lastReportAt,
    openedAt,
    version,
    acknowledgedBy,
    mergedInto,
    unreadMessages,
  } = incident;
  return {
    id,
    kind,
    status,
    province,
    location,
    reportCount,
    firstReportAt,
    lastReportAt,
    openedAt,
    version,
    acknowledgedBy,
    mergedInto,
    unreadMessages,
  };
}

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  if (!(id in record)) return record;
  const copy = { ...record };
  delete copy[id];
  return copy;
}
