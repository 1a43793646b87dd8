import type { LinkNotice, LinkState } from '../api/live';
import {
  isAlertEvent,
  TERMINAL_STATUSES,
  type AreaAlert,
  type ConsoleConfig,
  type DeviceBoardEntry,
  type EventMessage,
  type IncidentCounts,
  type IncidentDetail,
  type IncidentSummary,
  type ServerMessage,
  type SnapshotMessage,
  type Station,
  type Unit,
} from '../api/types';
import type { MessageKey } from '../i18n';
import { isNewerAlert, mergeAlerts } from './alerts';
import { applyDeviceChange, type DeviceBoard, EMPTY_BOARD, forgetEvents, loadDevices } from './devices';

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
  /** The server's own words under a translated refusal, on a second line in smaller text. */
  detail?: string;
}

export interface ConsoleState {
  link: LinkState;
  /** Why the server refuses this console for now (too many consoles open), shown by the indicator. */
  linkNotice: LinkNotice | null;
  /** Highest sequence of a snapshot or event applied: an event at or below it is a duplicate. */
  appliedSeq: number | null;
  /** Highest sequence heard, heartbeats included: a reconnect resumes from here. */
  resumeSeq: number | null;
  hasSnapshot: boolean;
  /**
   * The last snapshot held only part of the NEW incidents (a flood): `counts` then has the true
   * numbers, polled every 15 s.
   */
  truncated: boolean;
  /** The true numbers of open and NEW incidents, from the last snapshot or GET incidents/counts. */
  counts: IncidentCounts | null;
  /** The open incidents of the dispatcher's provinces, by id. */
  incidents: Record<string, IncidentSummary>;
  /** How many incidents `incidents` holds, and how many of them are NEW (kept as they change). */
  openShown: number;
  newShown: number;
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
  /** Burst groups of the queue the dispatcher opened (by burst key); the others are collapsed. */
  expandedBursts: Record<string, true>;
  /**
   * Area alerts of the dispatcher's provinces, by id: the active ones and those cancelled or expired
   * in the last 24 h. Null until first fetched.
   */
  areaAlerts: Record<string, AreaAlert> | null;
  /** Grows when the alerts must be fetched again (an alert event, a resync, a change made here). */
  areaAlertsEpoch: number;
  /** The fire-alarm transmitters that are faulty, silent or never heard from (the device board). */
  devices: DeviceBoard;
  /** Grows when the device board must be fetched again (at start and after every resync). */
  devicesEpoch: number;
}

export type Action =
  | { type: 'server'; message: ServerMessage }
  /** Messages that arrived together, applied in order with one copy of the queue. */
  | { type: 'serverBatch'; messages: ServerMessage[] }
  | { type: 'link'; state: LinkState }
  | { type: 'linkNotice'; notice: LinkNotice | null }
  | { type: 'countsLoaded'; counts: IncidentCounts }
  | { type: 'toggleBurst'; key: string }
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
  | { type: 'alertsLoaded'; alerts: AreaAlert[] }
  /** An alert as an action answered it (issued, updated, cancelled). */
  | { type: 'alertChanged'; alert: AreaAlert }
  | { type: 'reloadAlerts' }
  /** The device board as fetched; `asOfSeq` was the last event applied when it was asked for. */
  | { type: 'devicesLoaded'; devices: DeviceBoardEntry[]; asOfSeq: number | null }
  | { type: 'reloadDevices' }
  | { type: 'reset' };

export const initialState: ConsoleState = {
  link: 'reconnecting',
  linkNotice: null,
  appliedSeq: null,
  resumeSeq: null,
  hasSnapshot: false,
  truncated: false,
  counts: null,
  incidents: {},
  openShown: 0,
  newShown: 0,
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
  expandedBursts: {},
  areaAlerts: null,
  areaAlertsEpoch: 0,
  devices: EMPTY_BOARD,
  devicesEpoch: 0,
};

export const isTerminal = (incident: IncidentSummary): boolean =>
  TERMINAL_STATUSES.includes(incident.status);

export function reduce(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case 'server':
      return applyServerMessage(state, action.message);
    case 'serverBatch':
      return applyServerMessages(state, action.messages);
    case 'link':
      return state.link === action.state ? state : { ...state, link: action.state };
    case 'linkNotice':
      return state.linkNotice === action.notice ? state : { ...state, linkNotice: action.notice };
    case 'countsLoaded':
      return { ...state, counts: { open: action.counts.open, new: action.counts.new } };
    case 'toggleBurst':
      return {
        ...state,
        expandedBursts: state.expandedBursts[action.key]
          ? without(state.expandedBursts, action.key)
          : { ...state.expandedBursts, [action.key]: true },
      };
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
    case 'alertsLoaded':
      return { ...state, areaAlerts: mergeAlerts(state.areaAlerts, action.alerts) };
    case 'alertChanged':
      return withAlert(state, action.alert);
    case 'reloadAlerts':
      return { ...state, areaAlertsEpoch: state.areaAlertsEpoch + 1 };
    case 'devicesLoaded':
      return { ...state, devices: loadDevices(state.devices, action.devices, action.asOfSeq) };
    case 'reloadDevices':
      return { ...state, devicesEpoch: state.devicesEpoch + 1 };
    case 'reset':
      return initialState;
  }
}

export function applyServerMessage(state: ConsoleState, message: ServerMessage): ConsoleState {
  return applyServerMessages(state, [message]);
}

/**
 * Applies messages in order. The incident tables are copied at their first change only, so a
 * burst of events costs one copy of a queue that may hold tens of thousands of incidents.
 */
export function applyServerMessages(state: ConsoleState, messages: readonly ServerMessage[]): ConsoleState {
  const draft = new Draft(state);
  for (const message of messages) {
    switch (message.type) {
      case 'snapshot':
        applySnapshot(draft, message);
        break;
      case 'event':
        applyEvent(draft, message);
        break;
      case 'heartbeat':
        if (draft.state.resumeSeq === null || draft.state.resumeSeq < message.seq) {
          draft.set({ resumeSeq: message.seq });
        }
        break;
    }
  }
  return draft.state;
}

type Table = 'incidents' | 'departed' | 'fresh';

/**
 * A state being changed in place by one reduction: each per-incident table is copied the first
 * time it changes, then changed in the copy. Nothing outside the reduction ever sees a copy
 * change: the reducer stays pure.
 */
class Draft {
  private readonly owned = new Set<Table>();
  constructor(public state: ConsoleState) {}

  set(patch: Partial<ConsoleState>): void {
    this.state = { ...this.state, ...patch };
  }

  /** The table, copied first if this reduction has not changed it yet. */
  table<K extends Table>(name: K): ConsoleState[K] {
    if (!this.owned.has(name)) {
      this.state = { ...this.state, [name]: { ...this.state[name] } };
      this.owned.add(name);
    }
    return this.state[name];
  }

  /** Replaces a table with a new object (a snapshot's), which this reduction then owns. */
  replace<K extends Table>(name: K, table: ConsoleState[K]): void {
    this.state = { ...this.state, [name]: table };
    this.owned.add(name);
  }
}

/** A snapshot is the whole truth as of its sequence: it replaces every open incident. */
function applySnapshot(draft: Draft, snapshot: SnapshotMessage): void {
  const state = draft.state;
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
  const counts = snapshot.counts;
  let open = 0;
  let waiting = 0;
  for (const incident of Object.values(incidents)) {
    open++;
    if (incident.status === 'NEW') waiting++;
  }
  draft.replace('incidents', incidents);
  draft.replace('departed', {});
  draft.replace('fresh', fresh);
  draft.set({
    appliedSeq: snapshot.seq,
    resumeSeq: snapshot.seq,
    hasSnapshot: true,
    openShown: open,
    newShown: waiting,
    truncated: snapshot.truncated === true,
    // An older backend sends no counts: the queue's own numbers are then the truth.
    counts:
      counts && typeof counts.open === 'number' && typeof counts.new === 'number'
        ? { open: counts.open, new: counts.new }
        : null,
    alerts: announced ? state.alerts + 1 : state.alerts,
    // Whatever happened to units, alerts, devices and the open detail while away is only known by
    // asking again; the device list then asked for is the truth, over any event remembered before.
    unitsEpoch: state.unitsEpoch + 1,
    areaAlertsEpoch: state.areaAlertsEpoch + 1,
    devices: forgetEvents(state.devices),
    devicesEpoch: state.devicesEpoch + 1,
    detailEpoch: state.detail ? state.detailEpoch + 1 : state.detailEpoch,
  });
}

function applyEvent(draft: Draft, event: EventMessage): void {
  const state = draft.state;
  if (state.appliedSeq !== null && event.seq <= state.appliedSeq) return;
  draft.set({
    appliedSeq: event.seq,
    resumeSeq: Math.max(event.seq, state.resumeSeq ?? event.seq),
  });
  if (event.incident) {
    const wasQueued = Boolean(draft.state.incidents[event.incident.id]);
    acceptInto(draft, event.incident);
    const incident = draft.state.incidents[event.incident.id];
    if (!wasQueued && incident?.status === 'NEW') {
      draft.table('fresh')[incident.id] = true;
      draft.set({ alerts: draft.state.alerts + 1 });
    }
  }
  if (event.unit) {
    draft.state = withUnits(draft.state, { ...draft.state.units, [event.unit.id]: event.unit });
  }
  if (event.eventType === 'UnitsDispatched' && !event.unit) {
    draft.set({ unitsEpoch: draft.state.unitsEpoch + 1 });
  }
  if (isAlertEvent(event.eventType)) {
    // The alert it carries (if any) shows at once; the list is fetched again all the same, since
    // what an event carries is not the whole truth (an alert may have left the provinces).
    if (event.alert && typeof event.alert.id === 'string') draft.state = withAlert(draft.state, event.alert);
    draft.set({ areaAlertsEpoch: draft.state.areaAlertsEpoch + 1 });
  }
  if (event.eventType === 'DeviceStateChanged' && event.device) {
    draft.set({ devices: applyDeviceChange(draft.state.devices, event.device, event.seq) });
  }
  if (concernsDetail(draft.state.detail, event)) draft.set({ detailEpoch: draft.state.detailEpoch + 1 });
}

/** Whether an event may have changed what the open detail panel shows. */
function concernsDetail(detail: IncidentDetail | null, event: EventMessage): boolean {
  if (!detail) return false;
  const id = detail.id;
  if (event.incidentId === id || event.incident?.id === id) return true;
  if (event.incident?.mergedInto === id) return true;
  // The premises card shows its transmitter's state.
  if (event.device && detail.premises && event.device.premisesId === detail.premises.id) return true;
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
  const draft = new Draft(state);
  acceptInto(draft, incident);
  return draft.state;
}

function acceptInto(draft: Draft, incident: IncidentSummary): void {
  const state = draft.state;
  const current = state.incidents[incident.id];
  if (current && current.version > incident.version) return;
  const departedAt = state.departed[incident.id];
  if (departedAt !== undefined && departedAt >= incident.version) return;

  const wasNew = current?.status === 'NEW' ? 1 : 0;
  if (isTerminal(incident)) {
    if (current) {
      delete draft.table('incidents')[incident.id];
      draft.set({ openShown: state.openShown - 1, newShown: state.newShown - wasNew });
    }
    draft.table('departed')[incident.id] = incident.version;
    if (state.fresh[incident.id]) delete draft.table('fresh')[incident.id];
    return;
  }
  draft.table('incidents')[incident.id] = summaryOf(incident);
  const isNew = incident.status === 'NEW' ? 1 : 0;
  if (!current || isNew !== wasNew) {
    draft.set({ openShown: state.openShown + (current ? 0 : 1), newShown: state.newShown + isNew - wasNew });
  }
  if (incident.status !== 'NEW' && state.fresh[incident.id]) delete draft.table('fresh')[incident.id];
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

function withAlert(state: ConsoleState, alert: AreaAlert): ConsoleState {
  if (!isNewerAlert(state.areaAlerts?.[alert.id], alert)) return state;
  return { ...state, areaAlerts: { ...(state.areaAlerts ?? {}), [alert.id]: alert } };
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
    trust,
    burst,
    source,
    premises,
  } = incident;
  const summary: IncidentSummary = {
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
    trust,
    burst: burst ?? null,
  };
  if (source) summary.source = source;
  // A detail's premises is the whole card (zones, contacts...): the queue keeps the summary's part.
  if (premises && typeof premises.id === 'string') summary.premises = premisesRef(premises);
  return summary;
}

function premisesRef(premises: NonNullable<IncidentSummary['premises']> & { zones?: string[] }) {
  const zone = premises.zone ?? premises.zones?.[0];
  return zone ? { id: premises.id, name: premises.name, zone } : { id: premises.id, name: premises.name };
}

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  if (!(id in record)) return record;
  const copy = { ...record };
  delete copy[id];
  return copy;
}
