// Small named factories for test data (no copied JSON blobs).
import type {
  AlertEventType,
  AreaAlert,
  DeviceBoardEntry,
  DeviceState,
  DispatcherMessage,
  EventMessage,
  IncidentCounts,
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  LiveEventType,
  PremisesCard,
  Report,
  SnapshotMessage,
  Trust,
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
      trust: { score: 60, level: 'NORMAL', reasons: [] },
      burst: null,
      ...overrides,
    };
  },
  /** The same incident one step later, with the version bumped. */
  next(incident: IncidentSummary, changes: Partial<IncidentSummary> & { status?: IncidentStatus }) {
    return { ...incident, version: incident.version + 1, ...changes };
  },
  /** An incident a premises' fire-alarm transmitter opened (zone 015 of the Tràng Tiền Plaza). */
  alarm(overrides: Partial<IncidentSummary> = {}): IncidentSummary {
    return Incidents.open({
      source: 'ALARM_DEVICE',
      premises: { id: 'prem-1', name: 'Tràng Tiền Plaza', zone: '015' },
      trust: { score: 90, level: 'TRUSTED', reasons: [] },
      ...overrides,
    });
  },
  /** Its detail; the summary's premises reference becomes the card (`overrides.premises`) or goes. */
  detail(incident: IncidentSummary, overrides: Partial<IncidentDetail> = {}): IncidentDetail {
    const { premises: _summaryPremises, ...summary } = incident;
    return {
      ...summary,
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

/** Trust as the server grades it, with its reasons. */
export const Trusts = {
  trusted: (reasons: Trust['reasons'] = []): Trust => ({ score: 90, level: 'TRUSTED', reasons }),
  normal: (reasons: Trust['reasons'] = []): Trust => ({ score: 60, level: 'NORMAL', reasons }),
  unverified: (reasons: Trust['reasons'] = []): Trust => ({ score: 15, level: 'UNVERIFIED', reasons }),
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
  snapshot(seq: number, incidents: IncidentSummary[], flood?: { counts: IncidentCounts }): SnapshotMessage {
    const counts = flood?.counts ?? {
      open: incidents.length,
      new: incidents.filter((incident) => incident.status === 'NEW').length,
    };
    return { type: 'snapshot', seq, incidents, truncated: Boolean(flood), counts };
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

/** Area alerts as the dispatch API answers them. */
export const Alerts = {
  /** An active fire alert: 500 m around the Hoàn Kiếm lake, issued at 10:00 for two hours. */
  around(overrides: Partial<AreaAlert> = {}): AreaAlert {
    counter++;
    const id = `alert-${counter}`;
    return {
      id,
      revision: 1,
      identifier: `urn:baochay:alert:${id}:1`,
      msgType: 'Alert',
      state: 'ACTIVE',
      event: 'FIRE',
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Observed',
      headline: { vi: 'Cháy lớn tại phố Hàng Bạc', en: 'Large fire on Hàng Bạc street' },
      instruction: { vi: 'Tránh xa khu vực, đóng cửa sổ.', en: 'Keep away from the area, close windows.' },
      area: { circle: { center: { lat: 21.0285, lon: 105.8542 }, radiusM: 500 } },
      provinces: ['Hà Nội'],
      incidentId: null,
      sent: '2026-11-23T10:00:00Z',
      expires: '2026-11-23T12:00:00Z',
      capUrl: `/api/v1/alerts/${id}.cap`,
      issuedBy: 'giamsat',
      updatedBy: 'giamsat',
      ...overrides,
    };
  },
  /** The next revision of an alert. */
  next(alert: AreaAlert, changes: Partial<AreaAlert> = {}): AreaAlert {
    const revision = alert.revision + 1;
    return {
      ...alert,
      revision,
      identifier: `urn:baochay:alert:${alert.id}:${revision}`,
      msgType: 'Update',
      ...changes,
    };
  },
  cancelled(alert: AreaAlert): AreaAlert {
    return Alerts.next(alert, { msgType: 'Cancel', state: 'CANCELLED' });
  },
  /** A live event about an alert: no incident (unless linked), maybe the alert itself. */
  event(seq: number, eventType: AlertEventType, alert: AreaAlert | null = null): EventMessage {
    return {
      type: 'event',
      seq,
      eventType,
      incidentId: alert?.incidentId ?? null,
      at: '2026-11-23T10:00:00Z',
      actor: 'giamsat',
      incident: null,
      unit: null,
      alert,
    };
  },
};

/** Registered premises as the dispatch API shows them in an alarm incident's detail. */
export const Premises = {
  card(overrides: Partial<PremisesCard> = {}): PremisesCard {
    return {
      id: 'prem-1',
      accountId: '1234',
      name: 'Tràng Tiền Plaza',
      address: '24 Hai Bà Trưng, Hoàn Kiếm, Hà Nội',
      province: 'Hà Nội',
      floors: 7,
      contacts: [{ name: 'Bảo vệ', phone: '0243 826 1234' }],
      notes: 'Tủ trung tâm báo cháy ở tầng hầm B1',
      zones: ['015'],
      device: { state: 'NORMAL', since: '2026-11-20T08:00:00Z', lastSignalAt: '2026-11-23T09:59:00Z' },
      ...overrides,
    };
  },
};

/** Fire-alarm transmitters as the device board lists them. */
export const Devices = {
  entry(state: DeviceState = 'FAULT', overrides: Partial<DeviceBoardEntry> = {}): DeviceBoardEntry {
    counter++;
    return {
      premisesId: `prem-${counter}`,
      accountId: counter.toString(16).toUpperCase(),
      name: `Toà nhà ${counter}`,
      address: `${counter} Tràng Thi, Hoàn Kiếm, Hà Nội`,
      province: 'Hà Nội',
      location: { lat: 21.0275, lon: 105.8455 },
      demo: false,
      state,
      since: '2026-11-23T09:00:00Z',
      lastSignalAt: '2026-11-23T09:00:00Z',
      reportingIntervalSeconds: 3600,
      ...(state === 'FAULT' ? { fault: { code: '373', zone: '005', format: 'ADM-CID' } } : {}),
      ...overrides,
    };
  },
  /** The live DeviceStateChanged event of a device's new state. */
  event(seq: number, device: DeviceBoardEntry): EventMessage {
    return {
      type: 'event',
      seq,
      eventType: 'DeviceStateChanged',
      incidentId: null,
      at: '2026-11-23T10:00:00Z',
      actor: null,
      incident: null,
      unit: null,
      device,
    };
  },
};
