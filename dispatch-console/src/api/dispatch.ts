import type { Http } from './http';
import type {
  ConsoleConfig,
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

/** The dispatch API, one method per endpoint. Every incident action returns the updated incident. */
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

  changeUnitStatus(unitId: string, status: UnitStatus): Promise<Unit> {
    return this.http.post(`${BASE}/units/${encodeURIComponent(unitId)}/status`, { status });
  }

  photo(url: string): Promise<Blob> {
    return this.http.blob(url);
  }
}
