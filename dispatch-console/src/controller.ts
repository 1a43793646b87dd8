import type { DispatchApi } from './api/dispatch';
import { ApiError } from './api/http';
import { LiveConnection, type SocketLike } from './api/live';
import type { IncidentDetail, IncidentStatus, UnitStatus } from './api/types';
import type { Action, ConsoleState, Message } from './state/console';
import { shouldMarkRead } from './state/conversation';
import { shortId } from './state/queue';
import type { Store } from './state/store';

const RETRY_MS = 3_000;

/** Turns a failed call into what the dispatcher reads: the server's own `detail` when it gave one. */
export function errorMessage(error: unknown): Message {
  if (error instanceof ApiError) {
    if (error.problem?.detail) return { kind: 'error', text: error.problem.detail };
    if (error.problem?.title) return { kind: 'error', text: error.problem.title };
    if (error.reason === 'network') return { kind: 'error', key: 'error.network' };
    if (error.reason === 'timeout') return { kind: 'error', key: 'error.timeout' };
    return { kind: 'error', key: 'error.http', params: { status: error.status } };
  }
  return { kind: 'error', key: 'error.network' };
}

/**
 * Everything the signed-in console does: runs the live feed, loads what the store asks for
 * (detail, units) and carries out the dispatcher's actions. Views call these methods and read
 * the store; they never talk to the API themselves.
 */
export class Controller {
  private readonly live: LiveConnection;
  private unsubscribe: (() => void) | null = null;
  private detailKey = '';
  /** The detail whose messages were last marked read (at most one marking per detail load). */
  private markedDetail: IncidentDetail | null = null;
  private unitsEpoch = -1;
  private stopped = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly api: DispatchApi,
    private readonly store: Store<ConsoleState, Action>,
  ) {
    this.live = new LiveConnection({
      ticket: async () => (await api.liveTicket()).ticket,
      openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      location: window.location,
      resumeSeq: () => store.getState().resumeSeq,
      onMessage: (message) => store.dispatch({ type: 'server', message }),
      onState: (state) => store.dispatch({ type: 'link', state }),
      // The HTTP client has already reported the refused token and ended the session.
      onUnauthorized: () => {},
    });
  }

  start(): void {
    this.live.start();
    this.unsubscribe = this.store.subscribe((state) => this.follow(state));
    window.addEventListener('online', this.onOnline);
    this.follow(this.store.getState());
    this.loadConfig();
    this.loadStations();
  }

  stop(): void {
    this.stopped = true;
    this.live.stop();
    this.unsubscribe?.();
    window.removeEventListener('online', this.onOnline);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  select(id: string | null): void {
    this.store.dispatch({ type: 'select', id });
  }

  togglePick(unitId: string): void {
    this.store.dispatch({ type: 'togglePick', unitId });
  }

  acknowledge(): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    if (detail.status !== 'NEW') return this.refuse('error.notNew');
    return this.run('acknowledge', () => this.api.acknowledge(detail.id, detail.version), {
      key: 'result.acknowledged',
      params: { id: shortId(detail.id) },
    });
  }

  dispatchPicked(): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    const unitIds = this.store.getState().pickedUnitIds;
    if (unitIds.length === 0) return this.refuse('error.noUnitsPicked');
    return this.run(
      'dispatch',
      async () => {
        const updated = await this.api.dispatch(detail.id, detail.version, unitIds);
        this.store.dispatch({ type: 'clearPicks' });
        this.store.dispatch({ type: 'reloadUnits' });
        return updated;
      },
      { key: 'result.dispatched', params: { n: unitIds.length, id: shortId(detail.id) } },
    );
  }

  changeStatus(status: IncidentStatus, reason: string): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    return this.run(
      status === 'FALSE_ALARM' ? 'falseAlarm' : 'status',
      () => this.api.changeStatus(detail.id, detail.version, status, reason.trim() || undefined),
      { key: 'result.statusChanged', params: { id: shortId(detail.id), status: { key: `status.${status}` } } },
    );
  }

  addNote(text: string): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    if (!text.trim()) return this.refuse('error.emptyNote');
    return this.run('note', () => this.api.addNote(detail.id, text.trim()), {
      key: 'result.noteAdded',
      params: { id: shortId(detail.id) },
    });
  }

  merge(intoIncidentId: string): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    if (!intoIncidentId) return this.refuse('error.noMergeTarget');
    return this.run('merge', () => this.api.merge(detail.id, detail.version, intoIncidentId), {
      key: 'result.merged',
      params: { id: shortId(detail.id), into: shortId(intoIncidentId) },
    });
  }

  /**
   * Writes to the reporters of the selected incident: one (`reportId`) or all (null). The answer
   * is the message, not the incident, so the detail is fetched again to show it (the live
   * `MessageSent` event does the same; whichever comes first shows it).
   */
  sendMessage(text: string, reportId: string | null): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    const body = text.trim();
    if (!body) return this.refuse('error.emptyMessage');
    return this.perform(
      'message',
      async () => {
        await this.api.sendMessage(detail.id, body, reportId);
        this.store.dispatch({ type: 'reloadDetail' });
      },
      { key: 'result.messageSent' },
    );
  }

  async changeUnitStatus(unitId: string, status: UnitStatus): Promise<boolean> {
    this.store.dispatch({ type: 'busy', busy: `unit:${unitId}` });
    try {
      const unit = await this.api.changeUnitStatus(unitId, status);
      this.store.dispatch({ type: 'unitUpdated', unit });
      if (this.store.getState().detail) this.store.dispatch({ type: 'reloadDetail' });
      this.say({
        kind: 'ok',
        key: 'result.unitStatus',
        params: { callsign: unit.callsign, status: { key: `unitStatus.${unit.status}` } },
      });
      return true;
    } catch (error) {
      this.say(errorMessage(error));
      return false;
    } finally {
      this.store.dispatch({ type: 'busy', busy: null });
    }
  }

  clearMessage(): void {
    this.store.dispatch({ type: 'message', message: null });
  }

  /** Fetches a photo with the token (one stable function, so views can depend on it). */
  readonly photo = (url: string): Promise<Blob> => this.api.photo(url);

  private current(): IncidentDetail | null {
    const { detail, selectedId } = this.store.getState();
    return detail && detail.id === selectedId ? detail : null;
  }

  private run(
    name: string,
    call: () => Promise<IncidentDetail>,
    ok: Pick<Message, 'key' | 'params'>,
  ): Promise<boolean> {
    return this.perform(
      name,
      async () => {
        const detail = await call();
        this.store.dispatch({ type: 'detailLoaded', detail });
      },
      ok,
    );
  }

  /** One action at a time: busy meanwhile, then its result or the server's reason in the message area. */
  private async perform(
    name: string,
    call: () => Promise<void>,
    ok: Pick<Message, 'key' | 'params'>,
  ): Promise<boolean> {
    if (this.store.getState().busy) return false;
    this.store.dispatch({ type: 'busy', busy: name });
    try {
      await call();
      this.say({ kind: 'ok', ...ok });
      return true;
    } catch (error) {
      this.say(errorMessage(error));
      // A conflict means someone else changed the incident: show what it is now.
      if (error instanceof ApiError && error.status === 409) {
        this.store.dispatch({ type: 'reloadDetail' });
      }
      return false;
    } finally {
      this.store.dispatch({ type: 'busy', busy: null });
    }
  }

  private refuse(key: Message['key']): Promise<boolean> {
    // With an incident selected but its detail still loading, say that rather than "no selection".
    if (key === 'error.noSelection' && this.store.getState().selectedId) key = 'detail.loading';
    this.say({ kind: 'error', key });
    return Promise.resolve(false);
  }

  private say(message: Message): void {
    this.store.dispatch({ type: 'message', message });
  }

  /**
   * Loads what the store says is out of date (the selected detail, the unit board) and marks the
   * open incident's reporters' messages read once its detail says some are unread.
   */
  private follow(state: ConsoleState): void {
    if (this.stopped) return;
    const key = state.selectedId ? `${state.selectedId}#${state.detailEpoch}` : '';
    if (key !== this.detailKey) {
      this.detailKey = key;
      if (state.selectedId) this.loadDetail(state.selectedId, key);
    }
    if (state.detail && shouldMarkRead(state, this.markedDetail)) {
      this.markedDetail = state.detail;
      this.markRead(state.detail.id);
    }
    if (state.unitsEpoch !== this.unitsEpoch) {
      this.unitsEpoch = state.unitsEpoch;
      this.loadUnits();
    }
  }

  private loadDetail(id: string, key: string): void {
    this.api.incident(id).then(
      (detail) => this.store.dispatch({ type: 'detailLoaded', detail }),
      (error: unknown) => {
        if (this.stopped || this.detailKey !== key) return;
        if (error instanceof ApiError && error.status !== 0 && error.status < 500) {
          this.say(errorMessage(error));
          return;
        }
        this.later(() => {
          if (this.detailKey === key) this.store.dispatch({ type: 'reloadDetail' });
        });
      },
    );
  }

  /**
   * The live `MessagesRead` event then brings the count to 0 everywhere. A failure is not retried
   * here (nor shown: the dispatcher did not ask for it); the next load of the detail tries again.
   */
  private markRead(id: string): void {
    this.api.markMessagesRead(id).catch(() => undefined);
  }

  private loadUnits(): void {
    const epoch = this.unitsEpoch;
    this.api.units().then(
      (units) => this.store.dispatch({ type: 'unitsLoaded', units }),
      () => this.later(() => epoch === this.unitsEpoch && this.loadUnits()),
    );
  }

  private loadConfig(): void {
    this.api.config().then(
      (config) => this.store.dispatch({ type: 'configLoaded', config }),
      () => this.later(() => this.loadConfig()),
    );
  }

  private loadStations(): void {
    this.api.stations().then(
      (stations) => this.store.dispatch({ type: 'stationsLoaded', stations }),
      () => this.later(() => this.loadStations()),
    );
  }

  private later(fn: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) fn();
    }, RETRY_MS);
    this.timers.add(timer);
  }

  private readonly onOnline = () => this.live.reconnectNow();
}
