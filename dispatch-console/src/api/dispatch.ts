import type { Http } from './http';
import type {
  AlertList,
  AlertRequest,
  AreaAlert,
  ConsoleConfig,
  DeviceList,
  DispatcherMessage,
  IncidentCounts,
  IncidentDetail,
  IncidentStatus,
  LiveTicket,
  LoginResponse,
  Station,
  Unit,
  UnitStatus,
} from './types';

const BASE = '/api/v1/dispatch';
const incident = (id: string) => `${BASE}/incidents/${encodeURIComponent(id)}`;
const alert = (id: string) => `${BASE}/alerts/${encodeURIComponent(id)}`;

/**
 * The dispatch API, one method per endpoint. Every incident action returns the updated incident,
 * except the conversation's: a sent message answers with the message, a read marking with nothing.
 */
export class DispatchApi {
  constructor(private readonly http: Http) {}

  login(username: string, password: string): Promise<LoginResponse> {
    return this.http.post(`${BASE}/login`, { username, password }, false);
  }

  /**
   * A new access token and a new refresh token for `refreshToken`, which is spent by this call
   * (presenting it again makes the server revoke the whole session). No bearer token: the access
   * token may already have expired.
   */
  refresh(refreshToken: string): Promise<LoginResponse> {
    return this.http.post(`${BASE}/refresh`, { refreshToken }, false);
  }

  /** Revokes the session on the server (204). */
  logout(refreshToken: string): Promise<void> {
    return this.http.post(`${BASE}/logout`, { refreshToken }, false);
  }

  /** The true numbers of open and NEW incidents in the dispatcher's provinces. */
  counts(): Promise<IncidentCounts> {
    return this.http.get(`${BASE}/incidents/counts`);
  }

  config(): Promise<ConsoleConfig> {
    return this.http.get(`${BASE}/config`);
  }

  incident(id: string): Promise<IncidentDetail> {
    return this.http.get(incident(id));
  }

  units(): Promise<Unit[]> {
    return this.http.get(`${BASE}/units`);
  }

  stations(): Promise<Station[]> {
    return this.http.get(`${BASE}/stations`);
  }

  liveTicket(): Promise<LiveTicket> {
    return this.http.post(`${BASE}/live-ticket`);
  }

  acknowledge(id: string, version: number): Promise<IncidentDetail> {
    return this.http.post(`${incident(id)}/acknowledge`, { version });
  }

  dispatch(id: string, version: number, unitIds: string[]): Promise<IncidentDetail> {
    return this.http.post(`${incident(id)}/dispatch`, { version, unitIds });
  }

  changeStatus(
    id: string,
    version: number,
    status: IncidentStatus,
    reason?: string,
  ): Promise<IncidentDetail> {
    const body = reason ? { version, status, reason } : { version, status };
    return this.http.post(`${incident(id)}/status`, body);
  }

  addNote(id: string, text: string): Promise<IncidentDetail> {
    return this.http.post(`${incident(id)}/notes`, { text });
  }

  merge(id: string, version: number, intoIncidentId: string): Promise<IncidentDetail> {
    return this.http.post(`${incident(id)}/merge`, { version, intoIncidentId });
  }

  /** Moves the incident to another province (supervisors and admins only; 403 otherwise). */
  changeProvince(id: string, version: number, province: string): Promise<IncidentDetail> {
    return this.http.post(`${incident(id)}/province`, { version, province });
  }

  /** Writes to one reporter of the incident (`reportId`), or to every reporter (null). */
  sendMessage(id: string, text: string, reportId: string | null): Promise<DispatcherMessage> {
    return this.http.post(`${incident(id)}/messages`, { text, reportId });
  }

  /** Marks the reporters' messages of the incident read (204): its `unreadMessages` becomes 0. */
  markMessagesRead(id: string): Promise<void> {
    return this.http.post(`${incident(id)}/messages/read`);
  }

  changeUnitStatus(unitId: string, status: UnitStatus): Promise<Unit> {
    return this.http.post(`${BASE}/units/${encodeURIComponent(unitId)}/status`, { status });
  }

  /** Area alerts of the actor's provinces: the active ones, and those cancelled or expired in the last 24 h. */
  alerts(): Promise<AlertList> {
    return this.http.get(`${BASE}/alerts`);
  }

  /** Issues an area alert (201): revision 1, msgType Alert. */
  issueAlert(request: AlertRequest): Promise<AreaAlert> {
    return this.http.post(`${BASE}/alerts`, request);
  }

  /**
   * Replaces the alert's content with `request`; `revision` is the revision being replaced (another
   * one: 409 stale-version). Answers revision + 1, msgType Update.
   */
  updateAlert(id: string, revision: number, request: AlertRequest): Promise<AreaAlert> {
    return this.http.put(alert(id), { ...request, revision });
  }

  /** Cancels the alert (msgType Cancel, state CANCELLED); a cancelled or expired one: 409 illegal-transition. */
  cancelAlert(id: string, revision: number, reason?: string): Promise<AreaAlert> {
    const body = reason ? { revision, reason } : { revision };
    return this.http.post(`${alert(id)}/cancel`, body);
  }

  /**
   * The device board: the faulty and silent fire-alarm transmitters of the actor's provinces (a
   * supervisor's: all), oldest `since` first; with 'ALL', every registered device.
   */
  devices(state?: 'ALL'): Promise<DeviceList> {
    return this.http.get(state ? `${BASE}/devices?state=${state}` : `${BASE}/devices`);
  }

  photo(url: string): Promise<Blob> {
    return this.http.blob(url);
  }
}
