import type { DispatchApi } from './api/dispatch';
import { ApiError } from './api/http';
import { LiveConnection, type SocketLike } from './api/live';
import { problemSlug, translatedProblem } from './api/problems';
import type {
  AlertRequest,
  AreaAlert,
  IncidentDetail,
  IncidentStatus,
  ServerMessage,
  UnitStatus,
} from './api/types';
import type { MessageKey, Translate } from './i18n';
import { type AlertField, serverFieldErrors } from './state/alerts';
import type { Action, ConsoleState, Message } from './state/console';
import { shouldMarkRead } from './state/conversation';
import { shortId } from './state/queue';
import type { Store } from './state/store';

const RETRY_MS = 3_000;
/** While the last snapshot was truncated, the true counts are asked for this often. */
export const COUNTS_POLL_MS = 15_000;
/**
 * Server messages are applied together, at most this often (a flood must not copy and sort the
 * queue per event); longer when applying them took long (a queue of tens of thousands), up to 1 s.
 */
export const BATCH_MS = 100;
const BATCH_MAX_MS = 1_000;
/** Incidents of the queue per millisecond between batches. */
const BATCH_PER_MS = 50;

/** The alerts list is fetched this often too: live alert events are not all a console may miss. */
export const ALERTS_POLL_MS = 30_000;

/** Problem types the console words differently when they refuse an area alert (i18n `alertProblem.<slug>`). */
export const ALERT_PROBLEMS = [
  'out-of-jurisdiction',
  'invalid-location',
  'invalid-request',
  'stale-version',
  'illegal-transition',
  'not-found',
] as const;

/** What became of an alert action: the alert as the server now has it, or why it was refused. */
export type AlertOutcome =
  | { ok: true; alert: AreaAlert }
  | {
      ok: false;
      /** What the form says above its button (null: nothing was sent, another action was running). */
      error: Message | null;
      /** The server's words about single fields of the form. */
      fields: Partial<Record<AlertField, string>>;
    };

/**
 * Turns a refused alert action into what the form shows: the refusals an alert meets in its own
 * words (the area outside the dispatcher's provinces, or outside Vietnam; changed or ended
 * meanwhile), others as any action's; the server's errors about single fields under those fields.
 */
export function alertFailure(error: unknown): AlertOutcome & { ok: false } {
  if (!(error instanceof ApiError)) return { ok: false, error: errorMessage(error), fields: {} };
  const { fields, other } = serverFieldErrors(error.problem?.errors);
  const slug = problemSlug(error.problem);
  if (!slug || !(ALERT_PROBLEMS as readonly string[]).includes(slug)) {
    return { ok: false, error: errorMessage(error), fields };
  }
  const message: Message = { kind: 'error', key: `alertProblem.${slug}` as MessageKey };
  // The server's own words go under the sentence, except what the fields already show.
  let detail = error.problem?.detail ?? '';
  if (Object.keys(fields).length > 0) detail = other.join('; ');
  if (detail) message.detail = detail;
  return { ok: false, error: message, fields };
}

/** Problem types whose wait (`Retry-After`) is worth saying. */
const WAIT_PROBLEMS = new Set(['too-many-attempts', 'rate-limited', 'service-unavailable']);

/**
 * Turns a failed call into what the dispatcher reads. A refusal of a known problem type is said
 * in the console's language, with the server's own `detail` (English, may name people) under it;
 * any other refusal shows the server's `detail` as it is.
 */
export function errorMessage(error: unknown): Message {
  if (error instanceof ApiError) {
    const type = translatedProblem(error.problem);
    if (type) {
      const wait = error.retryAfter !== null && WAIT_PROBLEMS.has(type);
      const message: Message = {
        kind: 'error',
        key: (wait ? `problem.${type}.retry` : `problem.${type}`) as MessageKey,
      };
      if (wait) message.params = { s: error.retryAfter as number };
      if (error.problem?.detail) message.detail = error.problem.detail;
      return message;
    }
    if (error.problem?.detail) return { kind: 'error', text: error.problem.detail };
    if (error.problem?.title) return { kind: 'error', text: error.problem.title };
    if (error.reason === 'network') return { kind: 'error', key: 'error.network' };
    if (error.reason === 'timeout') return { kind: 'error', key: 'error.timeout' };
    return { kind: 'error', key: 'error.http', params: { status: error.status } };
  }
  return { kind: 'error', key: 'error.network' };
}

/**
 * What the login screen says when signing in failed. A wrong password shows the server's own
 * words (as before); too many failures say how long to wait; the other known refusals are said
 * in the console's language.
 */
export function loginFailure(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 429 || problemSlug(error.problem) === 'too-many-attempts') {
      return error.retryAfter !== null
        ? t('login.tooManyAttempts', { s: error.retryAfter })
        : t('problem.too-many-attempts');
    }
    const type = translatedProblem(error.problem);
    if (type && type !== 'unauthenticated') return t(`problem.${type}`);
    if (error.problem?.detail) return error.problem.detail;
    if (error.status === 401) return t('login.failed');
    if (error.status === 0) return t(error.reason === 'timeout' ? 'error.timeout' : 'error.network');
    return t('error.http', { status: error.status });
  }
  return t('error.network');
}

export interface ControllerOptions {
  /** Renews the session (the live feed was closed with 4401); rejects when it cannot. */
  refreshSession?: () => Promise<unknown>;
}

/**
 * Everything the signed-in console does: runs the live feed, loads what the store asks for
 * (detail, units) and carries out the dispatcher's actions. Views call these methods and read
 * the store; they never talk to the API themselves.
 */
export class Controller {
  private readonly live: LiveConnection;
  /** Server messages waiting to be applied together. */
  private pending: ServerMessage[] = [];
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private lastBatchAt = -Infinity;
  private batchMs = BATCH_MS;
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private countsInFlight = false;
  /** When the true counts were last learnt (a truncated snapshot, or a poll). */
  private countsAt = -Infinity;
  private unsubscribe: (() => void) | null = null;
  private detailKey = '';
  /** The detail whose messages were last marked read (at most one marking per detail load). */
  private markedDetail: IncidentDetail | null = null;
  private unitsEpoch = -1;
  private alertsEpoch = -1;
  /** Only the answer to the latest alerts request is taken (an older one may come last). */
  private alertsRequest = 0;
  private alertsTimer: ReturnType<typeof setInterval> | null = null;
  private devicesEpoch = -1;
  /** Only the answer to the latest device board request is taken. */
  private devicesRequest = 0;
  private stopped = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly api: DispatchApi,
    private readonly store: Store<ConsoleState, Action>,
    options: ControllerOptions = {},
  ) {
    this.live = new LiveConnection({
      ticket: async () => (await api.liveTicket()).ticket,
      openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      location: window.location,
      resumeSeq: () => this.resumeSeq(),
      onMessage: (message) => this.receive(message),
      onState: (state) => store.dispatch({ type: 'link', state }),
      onNotice: (notice) => store.dispatch({ type: 'linkNotice', notice }),
      refreshSession: options.refreshSession,
      // The session manager has already ended the session (and shown the login screen).
      onUnauthorized: () => {},
    });
  }

  /**
   * A message from the live feed. Messages are applied together, at most every BATCH_MS: the
   * first after a quiet spell at once (next task), the ones of a flood in batches.
   */
  receive(message: ServerMessage): void {
    if (this.stopped) return;
    this.pending.push(message);
    if (message.type === 'heartbeat') this.onHeartbeat();
    if (this.batchTimer !== null) return;
    const wait = Math.max(0, this.lastBatchAt + this.batchMs - Date.now());
    this.batchTimer = setTimeout(() => this.flush(), wait);
  }

  /** Applies the waiting messages now. */
  flush(): void {
    if (this.batchTimer !== null) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    if (this.pending.length === 0 || this.stopped) return;
    const messages = this.pending;
    this.pending = [];
    const started = Date.now();
    if (messages.some((m) => m.type === 'snapshot' && m.truncated === true)) this.countsAt = started;
    this.store.dispatch(
      messages.length === 1
        ? { type: 'server', message: messages[0] }
        : { type: 'serverBatch', messages },
    );
    this.lastBatchAt = Date.now();
    // Spend at most about a fifth of the time applying messages; a big queue also costs its
    // sorting and drawing after this (about 1 s between batches at 50 000 incidents).
    const size = this.store.getState().openShown;
    this.batchMs = Math.min(
      BATCH_MAX_MS,
      Math.max(BATCH_MS, 4 * (this.lastBatchAt - started), Math.round(size / BATCH_PER_MS)),
    );
  }

  /** Where a reconnect resumes: the highest sequence heard, including messages not applied yet. */
  private resumeSeq(): number | null {
    this.flush();
    return this.store.getState().resumeSeq;
  }

  start(): void {
    this.live.start();
    this.unsubscribe = this.store.subscribe((state) => this.follow(state));
    window.addEventListener('online', this.onOnline);
    this.follow(this.store.getState());
    this.loadConfig();
    this.loadStations();
    this.alertsTimer = setInterval(() => this.store.dispatch({ type: 'reloadAlerts' }), ALERTS_POLL_MS);
  }

  /** The session was renewed: keep the live socket open with a fresh ticket. */
  renewLive(): void {
    if (!this.stopped) void this.live.renew();
  }

  stop(): void {
    this.stopped = true;
    this.live.stop();
    if (this.batchTimer !== null) clearTimeout(this.batchTimer);
    if (this.countsTimer !== null) clearTimeout(this.countsTimer);
    if (this.alertsTimer !== null) clearInterval(this.alertsTimer);
    this.batchTimer = this.countsTimer = this.alertsTimer = null;
    this.pending = [];
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

  /** Opens or folds a burst group of the queue. */
  toggleBurst(key: string): void {
    this.store.dispatch({ type: 'toggleBurst', key });
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

  /** Moves the selected incident to another province (supervisors and admins; the server checks). */
  changeProvince(province: string): Promise<boolean> {
    const detail = this.current();
    if (!detail) return this.refuse('error.noSelection');
    if (!province) return this.refuse('error.noProvince');
    return this.run('province', () => this.api.changeProvince(detail.id, detail.version, province), {
      key: 'result.provinceChanged',
      params: { id: shortId(detail.id), province },
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

  /** Issues an area alert; the form shows what the server refused, the message area the success. */
  issueAlert(request: AlertRequest): Promise<AlertOutcome> {
    return this.alertAction(() => this.api.issueAlert(request), () => ({ key: 'result.alertIssued' }));
  }

  /** Replaces the alert's content: a new revision, sent to the public as a CAP Update. */
  updateAlert(alert: AreaAlert, request: AlertRequest): Promise<AlertOutcome> {
    return this.alertAction(
      () => this.api.updateAlert(alert.id, alert.revision, request),
      (updated) => ({ key: 'result.alertUpdated', params: { n: updated.revision } }),
    );
  }

  /** Cancels the alert (a CAP Cancel); a refusal is said in the message area. */
  async cancelAlert(alert: AreaAlert, reason: string): Promise<AlertOutcome> {
    const outcome = await this.alertAction(
      () => this.api.cancelAlert(alert.id, alert.revision, reason.trim() || undefined),
      () => ({ key: 'result.alertCancelled' }),
    );
    if (!outcome.ok && outcome.error) this.say(outcome.error);
    return outcome;
  }

  private async alertAction(
    call: () => Promise<AreaAlert>,
    ok: (alert: AreaAlert) => Pick<Message, 'key' | 'params'>,
  ): Promise<AlertOutcome> {
    if (this.store.getState().busy) return { ok: false, error: null, fields: {} };
    this.store.dispatch({ type: 'busy', busy: 'alert' });
    try {
      const alert = await call();
      this.store.dispatch({ type: 'alertChanged', alert });
      this.store.dispatch({ type: 'reloadAlerts' });
      this.say({ kind: 'ok', ...ok(alert) });
      return { ok: true, alert };
    } catch (error) {
      // Changed or ended by someone else meanwhile: show what it is now.
      if (error instanceof ApiError && error.status === 409) this.store.dispatch({ type: 'reloadAlerts' });
      return alertFailure(error);
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
    if (state.areaAlertsEpoch !== this.alertsEpoch) {
      this.alertsEpoch = state.areaAlertsEpoch;
      this.loadAlerts();
    }
    if (state.devicesEpoch !== this.devicesEpoch) {
      this.devicesEpoch = state.devicesEpoch;
      this.loadDevices();
    }
    if (state.truncated) this.scheduleCounts();
    else if (this.countsTimer !== null) {
      clearTimeout(this.countsTimer);
      this.countsTimer = null;
    }
  }

  /** While truncated, the true counts are polled COUNTS_POLL_MS after they were last learnt. */
  private scheduleCounts(): void {
    if (this.countsTimer !== null || this.countsInFlight || this.stopped) return;
    const wait = Math.max(0, this.countsAt + COUNTS_POLL_MS - Date.now());
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      this.pollCounts();
    }, wait);
  }

  /** A heartbeat (every ~15 s) also asks for the counts, at most every COUNTS_POLL_MS. */
  private onHeartbeat(): void {
    if (!this.store.getState().truncated) return;
    if (Date.now() - this.countsAt < COUNTS_POLL_MS) return;
    if (this.countsTimer !== null) clearTimeout(this.countsTimer);
    this.countsTimer = null;
    this.pollCounts();
  }

  private pollCounts(): void {
    if (this.countsInFlight || this.stopped || !this.store.getState().truncated) return;
    this.countsInFlight = true;
    this.countsAt = Date.now();
    this.api.counts().then(
      (counts) => {
        this.countsInFlight = false;
        if (this.stopped) return;
        this.store.dispatch({ type: 'countsLoaded', counts });
        if (this.store.getState().truncated) this.scheduleCounts();
      },
      () => {
        // The numbers shown stay as they were; the next poll (or heartbeat) tries again.
        this.countsInFlight = false;
        if (!this.stopped && this.store.getState().truncated) this.scheduleCounts();
      },
    );
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

  /** A failure keeps the list as it was; the next poll (30 s) or alert event tries again. */
  private loadAlerts(): void {
    const request = ++this.alertsRequest;
    this.api.alerts().then(
      (answer) => {
        if (this.stopped || request !== this.alertsRequest || !Array.isArray(answer?.alerts)) return;
        this.store.dispatch({ type: 'alertsLoaded', alerts: answer.alerts });
      },
      () => undefined,
    );
  }

  /**
   * The device board at start and after every resync; live DeviceStateChanged events keep it up to
   * date in between. The last event applied when it was asked for goes with the answer: an event
   * after it outranks the list. A failure is tried again shortly (no poll would).
   */
  private loadDevices(): void {
    const request = ++this.devicesRequest;
    const asOfSeq = this.store.getState().appliedSeq;
    this.api.devices().then(
      (answer) => {
        if (this.stopped || request !== this.devicesRequest || !Array.isArray(answer?.devices)) return;
        this.store.dispatch({ type: 'devicesLoaded', devices: answer.devices, asOfSeq });
      },
      () => this.later(() => request === this.devicesRequest && this.loadDevices()),
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
