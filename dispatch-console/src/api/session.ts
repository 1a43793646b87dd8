import type { Dispatcher, LoginResponse } from './types';

export interface Session {
  token: string;
  expiresAt: string;
  dispatcher: Dispatcher;
}

const KEY = 'baochay.session';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The login token lives in memory and in sessionStorage, so reloading the same tab keeps the
 * dispatcher signed in while a new tab or a closed browser does not.
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
    if (this.current && Date.parse(this.current.expiresAt) <= this.now()) this.clear();
    return this.current;
  }

  token(): string | null {
    return this.get()?.token ?? null;
  }

  save(login: LoginResponse): Session {
    this.current = { token: login.token, expiresAt: login.expiresAt, dispatcher: login.dispatcher };
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
      return parsed;
    } catch {
      return null;
    }
  }
}
