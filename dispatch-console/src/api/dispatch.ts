import type { Http } from './http';
import type {
  ConsoleConfig,
  DispatcherMessage,
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

/**
 * The dispatch API, one method per endpoint. Every incident action returns the updated incident,
 * except the conversation's: a sent message answers with the message, a read marking with nothing.
 */
export class DispatchApi {
  constructor(private readonly http: Http) {}

  login(username: string, password: string): Promise<LoginResponse> {
    return this.http.post(`${BASE}/login`, { username, password }, false);
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

  photo(url: string): Promise<Blob> {
    return this.http.blob(url);
  }
}
