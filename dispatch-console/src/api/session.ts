import { ApiError } from './http';
import type { Dispatcher, LoginResponse } from './types';

export interface Session {
  /** The access token: short-lived (15 minutes), renewed with the refresh token. */
  token: string;
  expiresAt: string;
  /** Single-use: each refresh answers with a new one. Absent in a session stored by an older console. */
  refreshToken?: string;
  /** When the refresh token, hence the whole session (one shift), ends. */
  refreshExpiresAt?: string;
  dispatcher: Dispatcher;
}

/** What a session is made from: a login or refresh answer (an older server sent no refresh token). */
export type SessionGrant = Pick<LoginResponse, 'token' | 'expiresAt' | 'dispatcher'> &
  Partial<Pick<LoginResponse, 'refreshToken' | 'refreshExpiresAt'>>;

const KEY = 'baochay.session';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The session's own end: its refresh token's expiry (an older stored session: its token's). */
const endOf = (session: Session): number => Date.parse(session.refreshExpiresAt ?? session.expiresAt);

/**
 * The tokens live in memory and in sessionStorage, so reloading the same tab keeps the
 * dispatcher signed in while a new tab or a closed browser does not. An expired access token is
 * kept (it is renewed); the session is gone once its refresh token has expired.
 */
export class SessionStore {
  private current: Session | null;

  constructor(
    private readonly storage: StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {
    this.current = this.read();
  }

  get(): Session | null {
    if (this.current && !(endOf(this.current) > this.now())) this.clear();
    return this.current;
  }

  token(): string | null {
    return this.get()?.token ?? null;
  }

  save(login: SessionGrant): Session {
    this.current = {
      token: login.token,
      expiresAt: login.expiresAt,
      refreshToken: login.refreshToken,
      refreshExpiresAt: login.refreshExpiresAt,
      dispatcher: login.dispatcher,
    };
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.current));
    } catch {
      // Storage full or disabled: the session still works until the tab is reloaded.
    }
    return this.current;
  }

  clear(): void {
    this.current = null;
    try {
      this.storage?.removeItem(KEY);
    } catch {
      // nothing stored
    }
  }

  private read(): Session | null {
    try {
      const raw = this.storage?.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Session;
      if (typeof parsed?.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
      if (!parsed.dispatcher || !Array.isArray(parsed.dispatcher.provinces)) return null;
      if (parsed.refreshToken !== undefined && typeof parsed.refreshToken !== 'string') return null;
      return parsed;
    } catch {
      return null;
    }
  }
}

/** The access token is renewed this long before it expires. */
export const REFRESH_AHEAD_MS = 60_000;
/** After a refresh that failed for want of an answer (network, 5xx), it is tried again this soon. */
export const REFRESH_RETRY_MS = 5_000;

export interface SessionManagerOptions {
  store: SessionStore;
  /** POST refresh: a new access token and a new refresh token for the (spent) one given. */
  refresh: (refreshToken: string) => Promise<LoginResponse>;
  /** POST logout: revokes the session on the server. */
  logout: (refreshToken: string) => Promise<void>;
  /** The server ended the session (refresh refused, or a renewed token refused): back to login. */
  onExpired: () => void;
  /** A renewed session: a new token, and the dispatcher as the server now sees them (role, provinces). */
  onRenewed?: (session: Session) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Keeps the signed-in session alive: renews the access token about a minute before it expires,
 * and on demand (a 401 to a call, a live feed closed with 4401). Concurrent demands share one
 * refresh request, which matters: refresh tokens are single-use, and presenting a spent one makes
 * the server revoke the whole session. A refresh refused with 401 ends the session.
 */
export class SessionManager {
  private timer: unknown = null;
  private inflight: Promise<Session> | null = null;
  /** Grows at every sign-in and sign-out, so a late answer to an older session is dropped. */
  private epoch = 0;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: SessionManagerOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  get(): Session | null {
    return this.options.store.get();
  }

  token(): string | null {
    return this.options.store.token();
  }

  /** After login: stores the session and keeps it fresh from now on. */
  signIn(login: LoginResponse): Session {
    this.reset();
    const session = this.options.store.save(login);
    this.schedule();
    return session;
  }

  /** A session found in sessionStorage after a reload: keeps it fresh (at once if its token expired). */
  resume(): Session | null {
    const session = this.get();
    if (session) this.schedule();
    return session;
  }

  /**
   * Renews the session now. Callers at the same time share one request. Resolves with the renewed
   * session; rejects with the refusal (an ApiError 401: the session has ended, and `onExpired`
   * was called) or with the failure to get an answer (then it is tried again shortly).
   */
  refresh(): Promise<Session> {
    if (this.inflight) return this.inflight;
    const session = this.get();
    if (!session?.refreshToken) {
      // Nothing to renew with (expired, or stored by an older console): the session is over.
      this.expire();
      return Promise.reject(new ApiError(401, null));
    }
    const epoch = this.epoch;
    const request = this.options.refresh(session.refreshToken).then(
      (login) => {
        if (this.inflight === request) this.inflight = null;
        if (epoch !== this.epoch) throw new ApiError(401, null); // signed out meanwhile
        const renewed = this.options.store.save(login);
        this.schedule();
        this.options.onRenewed?.(renewed);
        return renewed;
      },
      (error: unknown) => {
        if (this.inflight === request) this.inflight = null;
        if (epoch === this.epoch) {
          if (error instanceof ApiError && error.status === 401) this.expire();
          else this.retrySoon();
        }
        throw error;
      },
    );
    this.inflight = request;
    return request;
  }

  /**
   * For the HTTP client, after a call was refused with `refused`: resolves once a newer token is in
   * place. When the token has already changed since the call went out, there is nothing to renew.
   */
  async renewAfter(refused: string | null): Promise<void> {
    const current = this.token();
    if (current !== null && current !== refused && !this.inflight) return;
    await this.refresh();
  }

  /** Signs out: forgets the session here, then tells the server (best effort, never waited on twice). */
  async logout(): Promise<void> {
    const refreshToken = this.get()?.refreshToken;
    this.reset();
    this.options.store.clear();
    if (!refreshToken) return;
    try {
      await this.options.logout(refreshToken);
    } catch {
      // The server could not be told; the session still ends here and expires there.
    }
  }

  /** The server refused the session: forget it and say so. */
  expire(): void {
    this.reset();
    this.options.store.clear();
    this.options.onExpired();
  }

  /** Stops the timer and forgets any refresh under way (the page is closing, or tests). */
  reset(): void {
    this.epoch++;
    this.inflight = null;
    this.cancelTimer();
  }

  private schedule(): void {
    this.cancelTimer();
    const session = this.get();
    if (!session?.refreshToken) return;
    const delay = Math.max(0, Date.parse(session.expiresAt) - REFRESH_AHEAD_MS - this.now());
    this.timer = this.setTimer(() => this.onTimer(), Number.isFinite(delay) ? delay : 0);
  }

  private retrySoon(): void {
    this.cancelTimer();
    this.timer = this.setTimer(() => this.onTimer(), REFRESH_RETRY_MS);
  }

  private onTimer(): void {
    this.timer = null;
    this.refresh().catch(() => {
      // Handled in refresh(): the session ended, or another try is scheduled.
    });
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
