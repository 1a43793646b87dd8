// Shapes of the dispatch API (/api/v1/dispatch/...), written against the backend's contract.
// Everything a citizen typed (descriptions, names) arrives here as plain strings and must only
// ever be shown as text.

export const INCIDENT_STATUSES = [
  'NEW',
  'ACKNOWLEDGED',
  'DISPATCHED',
  'ON_SCENE',
  'CONTROLLED',
  'CLOSED',
  'FALSE_ALARM',
  'MERGED',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const isIncidentStatus = (value: unknown): value is IncidentStatus =>
  (INCIDENT_STATUSES as readonly unknown[]).includes(value);

/** Statuses after which an incident leaves the open queue. */
export const TERMINAL_STATUSES: readonly IncidentStatus[] = ['CLOSED', 'FALSE_ALARM', 'MERGED'];

export const INCIDENT_KINDS = ['FIRE', 'EXPLOSION', 'RESCUE', 'OTHER'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const UNIT_TYPES = ['ENGINE', 'LADDER', 'RESCUE', 'WATER_TANKER'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_STATUSES = [
  'AVAILABLE',
  'DISPATCHED',
  'EN_ROUTE',
  'ON_SCENE',
  'RETURNING',
  'OUT_OF_SERVICE',
] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export type Role = 'DISPATCHER' | 'SUPERVISOR' | 'ADMIN';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface Dispatcher {
  username: string;
  displayName: string;
  role: Role;
  provinces: string[];
}

/**
 * The answer to login and to refresh. `token` is the short access token (15 minutes); the
 * `refreshToken` (opaque, one shift) renews it once: each refresh answers with a new one.
 */
export interface LoginResponse {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  dispatcher: Dispatcher;
}

export interface ConsoleConfig {
  tileUrl: string | null;
  tileAttribution: string | null;
  mapCenter: LatLon;
  mapZoom: number;
}

/** How far the server trusts an incident's reports; it never hides one. */
export const TRUST_LEVELS = ['TRUSTED', 'NORMAL', 'UNVERIFIED'] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

/** Why the server gave that trust; the console words each code (unknown codes as "other"). */
export const TRUST_REASON_CODES = [
  'NO_DEVICE',
  'NEW_DEVICE',
  'DEVICE_CONFIRMED',
  'DEVICE_FALSE_ALARMS',
  'BUSY_ADDRESS',
  'FAR_FROM_DEVICE',
  'MANY_REPORTERS',
  'ALARM_DEVICE',
] as const;
export type TrustReasonCode = (typeof TRUST_REASON_CODES)[number];

export interface TrustReason {
  code: TrustReasonCode | string;
  count?: number;
  minutes?: number;
}

export interface Trust {
  /** 0–100. */
  score: number;
  level: TrustLevel;
  reasons: TrustReason[];
}

/** Set when one source (network address or device) opened 3 or more incidents within 10 minutes. */
export interface Burst {
  key: string;
  /** How many incidents that source opened. */
  size: number;
}

/** What opened an incident: a citizen's report, or a fire-alarm transmitter. Absent (older incidents): CITIZEN. */
export const INCIDENT_SOURCES = ['CITIZEN', 'ALARM_DEVICE'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/**
 * The registered building whose fire-alarm transmitter signalled into an incident (opened or
 * joined it). `zone` is the zone of the first alarm ("015"). Name and zone are data, shown as text.
 */
export interface PremisesRef {
  id: string;
  name: string;
  zone?: string;
}

/** The true numbers of open and NEW incidents in the dispatcher's provinces. */
export interface IncidentCounts {
  open: number;
  new: number;
}

export interface IncidentSummary {
  id: string;
  kind: IncidentKind;
  status: IncidentStatus;
  province: string | null;
  location: LatLon;
  reportCount: number;
  firstReportAt: string;
  lastReportAt: string;
  openedAt: string;
  version: number;
  acknowledgedBy: string | null;
  mergedInto: string | null;
  /** Reporters' messages no dispatcher has read yet (the queue row's ✉ badge). */
  unreadMessages: number;
  /** An older backend sends none: read as NORMAL with no reasons. */
  trust: Trust;
  burst: Burst | null;
  /** Absent on older incidents: CITIZEN. */
  source?: IncidentSource | string;
  /** Present when a registered premises' fire alarm signalled into this incident. */
  premises?: PremisesRef | null;
}

/** A report's photo: stored upright with no metadata; the camera's own time and place are hints. */
export interface Photo {
  id: string;
  reportId: string;
  thumbnailUrl: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
  /** When the camera says it was taken (its clock), if it said. */
  takenAt?: string | null;
  /** Where the camera's GPS says it was taken; indoors it can beat the report's own position. */
  takenAtLocation?: LatLon | null;
  receivedAt: string;
}

export interface Report {
  id: string;
  kind: IncidentKind;
  location: LatLon & { accuracyM: number | null };
  description: string | null;
  reporter: { phone: string | null; name: string | null } | null;
  observedAt: string | null;
  receivedAt: string;
  photos: Photo[];
  /** ALARM_DEVICE for the report a fire-alarm transmitter made (no reporter); absent: a citizen's. */
  source?: IncidentSource | string;
}

export interface StationUnit {
  id: string;
  callsign: string;
  type: UnitType;
  status: UnitStatus;
}

export interface RecommendedStation {
  id: string;
  name: string;
  phone: string;
  province: string;
  location: LatLon;
  distanceM: number;
  units: StationUnit[];
}

export interface Assignment {
  unitId: string;
  callsign: string;
  stationId: string;
  stationName: string;
  status: UnitStatus;
  dispatchedAt: string;
}

export interface Note {
  id: string;
  author: string;
  text: string;
  at: string;
}

/** Who wrote a message of an incident's conversation. */
export type MessageFrom = 'REPORTER' | 'DISPATCHER';

/**
 * One message between the incident's reporters and its dispatchers. For a REPORTER message
 * `reportId` is the report it belongs to; for a DISPATCHER message it is the one reporter written
 * to, or null for every reporter of the incident. `text` is a person's words: shown only as text.
 */
export interface DispatcherMessage {
  seq: number;
  messageId: string;
  incidentId: string;
  reportId: string | null;
  from: MessageFrom;
  /** The dispatcher's username for a DISPATCHER message; null for a REPORTER one. */
  author: string | null;
  text: string;
  sentAt: string;
}

/**
 * One line of an incident's history as data: the event type and what it changed. The console words
 * it (views/timeline.ts); only `text` (a note) and `reason` (a status change) are people's words.
 */
export interface TimelineEntry {
  seq: number;
  type: LiveEventType | string;
  at: string;
  actor?: string | null;
  reportCount?: number;
  /** The status left (IncidentStatusChanged), or who wrote (MessageSent). */
  from?: IncidentStatus | MessageFrom;
  to?: IncidentStatus;
  reason?: string;
  text?: string;
  units?: string[];
  unit?: { callsign: string; status: UnitStatus };
  otherIncidentId?: string;
  /** The fire-alarm zone (AlarmSignalled, AlarmRestored, or the alarm that opened or joined). */
  zone?: string;
}

export interface IncidentDetail extends IncidentSummary {
  /** The premises card, when a fire-alarm transmitter signalled into this incident. */
  premises?: PremisesCard | null;
  reports: Report[];
  recommendedStations: RecommendedStation[];
  assignments: Assignment[];
  notes: Note[];
  timeline: TimelineEntry[];
  /** The conversation with the reporters, oldest first. */
  messages: DispatcherMessage[];
}

export interface Unit {
  id: string;
  callsign: string;
  type: UnitType;
  status: UnitStatus;
  stationId: string;
  stationName: string;
  province: string;
  incidentId: string | null;
}

export interface Station {
  id: string;
  name: string;
  phone: string;
  province: string;
  location: LatLon;
}

// ---- Fire-alarm transmitters (premises and their devices) ----

/** UNKNOWN: registered but never heard from. */
export const DEVICE_STATES = ['NORMAL', 'FAULT', 'SILENT', 'UNKNOWN'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** The transmission format a fault was reported in. */
export type AlarmFormat = 'ADM-CID' | 'SIA-DCS' | 'MQTT';

export interface DeviceFault {
  /** The panel's own code ("373" in Contact ID, "FT" in SIA DCS): shown as it came. */
  code: string;
  zone?: string;
  format: AlarmFormat | string;
}

/** A transmitter's state as the server last judged it. Every field but `state` may be absent. */
export interface DeviceStatus {
  state: DeviceState | string;
  /** When it entered that state. */
  since?: string;
  lastSignalAt?: string;
  fault?: DeviceFault;
  reportingIntervalSeconds?: number;
}

/** Someone to call at the premises; both are what a supervisor typed. */
export interface PremisesContact {
  name: string;
  phone: string;
}

/** The premises card of an alarm incident's detail. Everything in it is data, shown as text. */
export interface PremisesCard {
  id: string;
  accountId: string;
  name: string;
  address: string;
  province?: string;
  floors?: number;
  contacts: PremisesContact[];
  notes?: string;
  /** Every alarm zone seen on this incident, in order. */
  zones: string[];
  device: DeviceStatus;
}

/** One line of the device board: a premises' transmitter and its state. */
export interface DeviceBoardEntry extends DeviceStatus {
  premisesId: string;
  accountId: string;
  name: string;
  address: string;
  province?: string;
  location: LatLon;
  demo: boolean;
}

/** GET /dispatch/devices: faulty and silent devices (or, with state=ALL, every registered one). */
export interface DeviceList {
  devices: DeviceBoardEntry[];
}

export interface LiveTicket {
  ticket: string;
  expiresAt: string;
}

export type LiveEventType =
  | 'IncidentOpened'
  | 'ReportJoined'
  | 'IncidentAcknowledged'
  | 'UnitsDispatched'
  | 'IncidentStatusChanged'
  | 'NoteAdded'
  | 'IncidentMerged'
  // The target of a merge, which took in the merged incident's reports and units; the backend
  // sends it although the console brief did not list it. Handled like any event with an incident.
  | 'IncidentAbsorbed'
  | 'UnitStatusChanged'
  // A reporter added a photo: the open detail reloads to show its thumbnail.
  | 'PhotoAdded'
  // A reporter or a dispatcher wrote a message; the incident carries its new `unreadMessages`.
  | 'MessageSent'
  // A dispatcher read the reporters' messages: the incident's `unreadMessages` is back to 0.
  | 'MessagesRead'
  // A premises' fire alarm signalled again (another zone, or the same) into an open incident, or
  // the panel reported the fire condition ended (a restore, which does not close the incident).
  // Handled like any event with an incident.
  | 'AlarmSignalled'
  | 'AlarmRestored'
  // A fire-alarm transmitter's state changed (fault, silent, back to normal): the device board.
  | 'DeviceStateChanged'
  // An area alert was issued, updated (a new revision) or cancelled: the alerts list is fetched again.
  | AlertEventType;

/** The live events about an incident's fire alarm, beyond opening and joining; each carries the incident. */
export const ALARM_EVENT_TYPES = ['AlarmSignalled', 'AlarmRestored'] as const;

/** The live events about area alerts; they share the feed (and its sequence) with incidents. */
export const ALERT_EVENT_TYPES = ['AlertIssued', 'AlertUpdated', 'AlertCancelled'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export const isAlertEvent = (value: unknown): value is AlertEventType =>
  (ALERT_EVENT_TYPES as readonly unknown[]).includes(value);

export interface SnapshotMessage {
  type: 'snapshot';
  seq: number;
  incidents: IncidentSummary[];
  /**
   * In a flood: `incidents` holds every in-progress incident and only the 500 most relevant NEW
   * ones; `counts` has the true numbers (then polled at GET incidents/counts).
   */
  truncated: boolean;
  counts: IncidentCounts;
}

export interface EventMessage {
  type: 'event';
  seq: number;
  eventType: LiveEventType;
  incidentId: string | null;
  at: string;
  actor: string | null;
  incident: IncidentSummary | null;
  unit: Unit | null;
  /** The alert as it now stands, when an alert event carries it (the list is fetched again anyway). */
  alert?: AreaAlert | null;
  /** DeviceStateChanged: the device's new state. */
  device?: DeviceBoardEntry | null;
}

export interface HeartbeatMessage {
  type: 'heartbeat';
  seq: number;
}

export type ServerMessage = SnapshotMessage | EventMessage | HeartbeatMessage;

/** RFC 9457 problem details, as every error of the API is answered. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

// ---- Area alerts (CAP 1.2) ----

/** What the alert is about (CAP `event`, as the API names it). */
export const ALERT_EVENTS = ['FIRE', 'EXPLOSION', 'FLOOD', 'LANDSLIDE', 'EARTHQUAKE', 'TYPHOON', 'OTHER'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** CAP `severity`, `urgency` and `certainty`, spelt as CAP spells them. */
export const ALERT_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_URGENCIES = ['Immediate', 'Expected', 'Future'] as const;
export type AlertUrgency = (typeof ALERT_URGENCIES)[number];
export const ALERT_CERTAINTIES = ['Observed', 'Likely', 'Possible'] as const;
export type AlertCertainty = (typeof ALERT_CERTAINTIES)[number];

/** EXPIRED is an ACTIVE alert past its `expires`. */
export const ALERT_STATES = ['ACTIVE', 'CANCELLED', 'EXPIRED'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** CAP `msgType` of the latest revision. */
export type AlertMsgType = 'Alert' | 'Update' | 'Cancel';

/** A text in both languages the alert is published in. */
export interface Bilingual {
  vi: string;
  en: string;
}

export interface CircleArea {
  circle: { center: LatLon; radiusM: number };
}

/** An open ring: the last vertex is not the first repeated. */
export interface PolygonArea {
  polygon: LatLon[];
}

export type AlertArea = CircleArea | PolygonArea;

export const isCircleArea = (area: AlertArea): area is CircleArea => 'circle' in area;

/**
 * An area alert as it now stands (its latest revision). Headlines and instructions are a
 * dispatcher's words: shown only as text.
 */
export interface AreaAlert {
  id: string;
  /** Grows by one with every update and with the cancellation. */
  revision: number;
  /** CAP identifier of this revision: `urn:baochay:alert:<id>:<revision>`. */
  identifier: string;
  msgType: AlertMsgType;
  state: AlertState;
  event: AlertEvent;
  severity: AlertSeverity;
  urgency: AlertUrgency;
  certainty: AlertCertainty;
  headline: Bilingual;
  instruction: Bilingual;
  area: AlertArea;
  /** Every province the area touches. */
  provinces: string[];
  incidentId: string | null;
  sent: string;
  expires: string;
  /** The CAP 1.2 document of the latest revision. */
  capUrl: string;
  /** Dispatch only: who issued it and who last changed it. */
  issuedBy?: string;
  updatedBy?: string;
  /** Dispatch only: the earlier revisions (not shown by the console yet). */
  history?: unknown[];
}

/** The body of POST /dispatch/alerts; PUT adds the revision being replaced. */
export interface AlertRequest {
  event: AlertEvent;
  severity: AlertSeverity;
  urgency: AlertUrgency;
  certainty: AlertCertainty;
  headline: Bilingual;
  instruction: Bilingual;
  area: AlertArea;
  expiresAt: string;
  incidentId?: string;
}

export interface AlertList {
  alerts: AreaAlert[];
}
