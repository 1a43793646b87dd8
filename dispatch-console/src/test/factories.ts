// Small named factories for test data (no copied JSON blobs).
import type {
  DispatcherMessage,
  EventMessage,
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  LiveEventType,
  Report,
  SnapshotMessage,
  Unit,
  UnitStatus,
} from '../api/types';

let counter = 0;

export const Incidents = {
  open(overrides: Partial<IncidentSummary> = {}): IncidentSummary {
    counter++;
    return {
      id: `inc-${counter}`,
      kind: 'FIRE',
      status: 'NEW',
      province: 'Hà Nội',
      location: { lat: 21.03, lon: 105.85 },
      reportCount: 1,
      firstReportAt: '2026-11-23T10:00:00Z',
      lastReportAt: '2026-11-23T10:00:00Z',
      openedAt: '2026-11-23T10:00:00Z',
      version: 1,
      acknowledgedBy: null,
      mergedInto: null,
      unreadMessages: 0,
      ...overrides,
    };
  },
  /** The same incident one step later, with the version bumped. */
  next(incident: IncidentSummary, changes: Partial<IncidentSummary> & { status?: IncidentStatus }) {
    return { ...incident, version: incident.version + 1, ...changes };
  },
  detail(incident: IncidentSummary, overrides: Partial<IncidentDetail> = {}): IncidentDetail {
    return {
      ...incident,
      reports: [],
      recommendedStations: [],
      assignments: [],
      notes: [],
      timeline: [],
      messages: [],
      ...overrides,
    };
  },
};

export const Reports = {
  saying(description: string | null, overrides: Partial<Report> = {}): Report {
    return {
      id: `rep-${++counter}`,
      kind: 'FIRE',
      location: { lat: 21.03, lon: 105.85, accuracyM: 15 },
      description,
      reporter: { phone: '0912 345 678', name: 'Trần Thị B' },
      observedAt: null,
      receivedAt: '2026-11-23T10:00:00Z',
      photos: [],
      ...overrides,
    };
  },
};

/** Messages of an incident's conversation (not to be confused with the server's feed `Messages`). */
export const Chat = {
  fromReporter(
    incidentId: string,
    reportId: string,
    text: string,
    overrides: Partial<DispatcherMessage> = {},
  ): DispatcherMessage {
    counter++;
    return {
      seq: counter,
      messageId: `msg-${counter}`,
      incidentId,
      reportId,
      from: 'REPORTER',
      author: null,
      text,
      sentAt: '2026-11-23T10:01:00Z',
      ...overrides,
    };
  },
  /** A dispatcher's message to one reporter (`reportId`) or, with null, to all of them. */
  fromDispatcher(
    incidentId: string,
    author: string,
    text: string,
    reportId: string | null = null,
    overrides: Partial<DispatcherMessage> = {},
  ): DispatcherMessage {
    counter++;
    return {
      seq: counter,
      messageId: `msg-${counter}`,
      incidentId,
      reportId,
      from: 'DISPATCHER',
      author,
      text,
      sentAt: '2026-11-23T10:02:00Z',
      ...overrides,
    };
  },
};

export const Units = {
  at(station: string, status: UnitStatus = 'AVAILABLE', overrides: Partial<Unit> = {}): Unit {
    counter++;
    return {
      id: `unit-${counter}`,
      callsign: `CC-${counter}`,
      type: 'ENGINE',
      status,
      stationId: `st-${station}`,
      stationName: station,
      province: 'Hà Nội',
      incidentId: null,
      ...overrides,
    };
  },
};

export const Messages = {
  snapshot(seq: number, incidents: IncidentSummary[]): SnapshotMessage {
    return { type: 'snapshot', seq, incidents };
  },
  event(
    seq: number,
    eventType: LiveEventType,
    incident: IncidentSummary | null,
    unit: Unit | null = null,
  ): EventMessage {
    return {
      type: 'event',
      seq,
      eventType,
      incidentId: incident?.id ?? unit?.incidentId ?? null,
      at: '2026-11-23T10:00:00Z',
      actor: null,
      incident,
      unit,
    };
  },
  heartbeat(seq: number) {
    return { type: 'heartbeat' as const, seq };
  },
};
