import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DispatchApi } from './dispatch';
import { ApiError, Http } from './http';
import { REFRESH_AHEAD_MS, REFRESH_RETRY_MS, SessionManager, SessionStore } from './session';
import type { LoginResponse } from './types';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const MINUTE = 60_000;

function memory() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

let issued = 0;
/** A login or refresh answer: a 15-minute access token and a 12-hour refresh token, from now. */
function grant(overrides: Partial<LoginResponse> = {}): LoginResponse {
  issued++;
  const now = Date.now();
  return {
    token: `access-${issued}`,
    expiresAt: new Date(now + 15 * MINUTE).toISOString(),
    refreshToken: `refresh-${issued}`,
    refreshExpiresAt: new Date(now + 12 * 60 * MINUTE).toISOString(),
    dispatcher: { username: 'a', displayName: 'Nguyễn Văn A', role: 'DISPATCHER', provinces: ['Hà Nội'] },
    ...overrides,
  };
}

const problem = (status: number, type: string) =>
  new Response(JSON.stringify({ type: `https://baochay.vn/problems/${type}`, status, detail: type }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** A session manager over an in-memory tab, whose refresh endpoint is a mock. */
function harness() {
  const storage = memory();
  const store = new SessionStore(storage);
  const refresh = vi.fn(async (_refreshToken: string) => grant());
  const logout = vi.fn(async (_refreshToken: string) => undefined);
  const onExpired = vi.fn();
  const onRenewed = vi.fn();
  const manager = new SessionManager({ store, refresh, logout, onExpired, onRenewed });
  return { storage, store, manager, refresh, logout, onExpired, onRenewed };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session refresh', () => {
  it('renews the access token about a minute before it expires, and again after that', async () => {
    const h = harness();
    const first = grant();
    h.manager.signIn(first);
    await vi.advanceTimersByTimeAsync(15 * MINUTE - REFRESH_AHEAD_MS - 1);
    expect(h.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(h.refresh).toHaveBeenCalledExactlyOnceWith(first.refreshToken);
    const second = h.manager.get()!;
    expect(second.token).not.toBe(first.token);
    expect(h.onRenewed).toHaveBeenCalledWith(second);
    // The new refresh token is the one kept (the old one is spent), in memory and in the tab.
    expect(JSON.parse(h.storage.data.get('baochay.session')!).refreshToken).toBe(second.refreshToken);
    await vi.advanceTimersByTimeAsync(14 * MINUTE);
    expect(h.refresh).toHaveBeenCalledTimes(2);
    expect(h.refresh).toHaveBeenLastCalledWith(second.refreshToken);
  });

  it('renews at once a session resumed after a reload whose access token has expired', async () => {
    const h = harness();
    h.store.save(grant());
    vi.setSystemTime(T0 + 20 * MINUTE);
    const resumed = new SessionManager({
      store: new SessionStore(h.storage),
      refresh: h.refresh,
      logout: h.logout,
      onExpired: h.onExpired,
    });
    expect(resumed.resume()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.refresh).toHaveBeenCalledOnce();
  });

  it('shares one refresh between concurrent demands (refresh tokens are single-use)', async () => {
    const h = harness();
    h.manager.signIn(grant());
    let answer!: (login: LoginResponse) => void;
    h.refresh.mockImplementationOnce(() => new Promise<LoginResponse>((resolve) => (answer = resolve)));
    const demands = [h.manager.refresh(), h.manager.renewAfter(h.manager.token()), h.manager.refresh()];
    expect(h.refresh).toHaveBeenCalledOnce();
    answer(grant());
    const sessions = await Promise.all(demands);
    expect(sessions[0]).toBe(sessions[2]);
    expect(h.refresh).toHaveBeenCalledOnce();
  });

  it('ends the session when the refresh is refused with 401 (spent, revoked, expired)', async () => {
    const h = harness();
    h.manager.signIn(grant());
    h.refresh.mockRejectedValueOnce(new ApiError(401, { status: 401, type: 'https://baochay.vn/problems/unauthenticated' }));
    await expect(h.manager.refresh()).rejects.toMatchObject({ status: 401 });
    expect(h.onExpired).toHaveBeenCalledOnce();
    expect(h.manager.get()).toBeNull();
    expect(h.storage.data.has('baochay.session')).toBe(false);
    // Nothing is scheduled any more.
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(h.refresh).toHaveBeenCalledOnce();
  });

  it('keeps the session and tries again soon when the refresh gets no answer', async () => {
    const h = harness();
    h.manager.signIn(grant());
    h.refresh.mockRejectedValueOnce(new ApiError(0, null, 'network'));
    await expect(h.manager.refresh()).rejects.toMatchObject({ status: 0 });
    expect(h.onExpired).not.toHaveBeenCalled();
    expect(h.manager.get()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(REFRESH_RETRY_MS);
    expect(h.refresh).toHaveBeenCalledTimes(2);
  });

  it('signs out: tells the server with the refresh token, and forgets the session even if that fails', async () => {
    const h = harness();
    const login = grant();
    h.manager.signIn(login);
    h.logout.mockRejectedValueOnce(new ApiError(0, null, 'network'));
    await h.manager.logout();
    expect(h.logout).toHaveBeenCalledExactlyOnceWith(login.refreshToken);
    expect(h.manager.get()).toBeNull();
    expect(h.onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(h.refresh).not.toHaveBeenCalled();
  });

  it('drops a refresh answer that arrives after signing out', async () => {
    const h = harness();
    h.manager.signIn(grant());
    let answer!: (login: LoginResponse) => void;
    h.refresh.mockImplementationOnce(() => new Promise<LoginResponse>((resolve) => (answer = resolve)));
    const late = h.manager.refresh();
    await h.manager.logout();
    answer(grant());
    await expect(late).rejects.toBeInstanceOf(ApiError);
    expect(h.manager.get()).toBeNull();
  });

  it('lasts one shift: gone once the refresh token has expired', () => {
    const storage = memory();
    new SessionStore(storage).save(grant());
    vi.setSystemTime(T0 + 11 * 60 * MINUTE);
    expect(new SessionStore(storage).get()).not.toBeNull(); // access token long expired: renewed
    vi.setSystemTime(T0 + 12 * 60 * MINUTE + 1);
    expect(new SessionStore(storage).get()).toBeNull();
  });
});

describe('a 401 to an API call', () => {
  /** The client as the app wires it: token from the manager, renew on 401, end when refused again. */
  function client(answer: (token: string | null, path: string) => Response) {
    const h = harness();
    const seen: (string | null)[] = [];
    const fetchImpl = vi.fn(async (path: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).Authorization ?? null;
      const token = auth?.replace('Bearer ', '') ?? null;
      seen.push(token);
      return answer(token, path);
    });
    const onUnauthorized = vi.fn(() => h.manager.expire());
    const http = new Http({
      token: () => h.manager.token(),
      renew: (refused) => h.manager.renewAfter(refused),
      onUnauthorized,
      fetchImpl: fetchImpl as unknown as typeof fetch,
    });
    return { ...h, http, api: new DispatchApi(http), fetchImpl, seen, onUnauthorized };
  }

  it('renews the session once for many calls refused together, then sends each again once', async () => {
    const first = grant();
    const c = client((token) => (token === first.token ? problem(401, 'unauthenticated') : Response.json({ ok: token })));
    c.manager.signIn(first);
    const answers = await Promise.all([c.http.get('/a'), c.http.get('/b'), c.http.post('/c', { version: 1 })]);
    expect(c.refresh).toHaveBeenCalledOnce();
    const renewed = c.manager.token();
    expect(answers).toEqual([{ ok: renewed }, { ok: renewed }, { ok: renewed }]);
    expect(c.fetchImpl).toHaveBeenCalledTimes(6);
    expect(c.seen.filter((t) => t === renewed)).toHaveLength(3);
    expect(c.onExpired).not.toHaveBeenCalled();
  });

  it('sends a call again only once: a renewed token refused too ends the session', async () => {
    const c = client(() => problem(401, 'unauthenticated'));
    c.manager.signIn(grant());
    const error = await c.http.get('/x').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(c.fetchImpl).toHaveBeenCalledTimes(2);
    expect(c.refresh).toHaveBeenCalledOnce();
    expect(c.onExpired).toHaveBeenCalledOnce();
    expect(c.manager.get()).toBeNull();
  });

  it('gives up at once, ending the session, when the refresh itself is refused', async () => {
    const c = client(() => problem(401, 'unauthenticated'));
    c.manager.signIn(grant());
    c.refresh.mockRejectedValueOnce(new ApiError(401, { status: 401 }));
    const error = await c.http.get('/x').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(c.fetchImpl).toHaveBeenCalledOnce();
    expect(c.onExpired).toHaveBeenCalledOnce();
    expect(c.onUnauthorized).not.toHaveBeenCalled();
  });

  it('says the server cannot be reached when the refresh gets no answer, keeping the session', async () => {
    const c = client(() => problem(401, 'unauthenticated'));
    c.manager.signIn(grant());
    c.refresh.mockRejectedValueOnce(new ApiError(0, null, 'network'));
    const error = await c.http.get('/x').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(0);
    expect(c.onExpired).not.toHaveBeenCalled();
    expect(c.manager.get()).not.toBeNull();
  });

  it('renews nothing when the session was renewed while the call was out: sends it again with the new token', async () => {
    const first = grant();
    const c = client((token) => (token === first.token ? problem(401, 'unauthenticated') : Response.json({ ok: token })));
    c.manager.signIn(first);
    // The call goes out with the first token; the timer renews the session before its answer.
    const call = c.http.get('/x');
    await c.manager.refresh();
    expect(c.refresh).toHaveBeenCalledOnce();
    await expect(call).resolves.toEqual({ ok: c.manager.token() });
    expect(c.refresh).toHaveBeenCalledOnce();
    expect(c.seen).toEqual([first.token, c.manager.token()]);
  });

  it('uses the refresh and logout endpoints without a bearer token', async () => {
    const c = client(() => Response.json(grant()));
    c.manager.signIn(grant());
    await c.api.refresh('refresh-x');
    const [path, init] = c.fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/dispatch/refresh');
    expect(init.body).toBe('{"refreshToken":"refresh-x"}');
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
    c.fetchImpl.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(c.api.logout('refresh-y')).resolves.toBeUndefined();
    const [logoutPath, logoutInit] = c.fetchImpl.mock.calls[1] as unknown as [string, RequestInit];
    expect(logoutPath).toBe('/api/v1/dispatch/logout');
    expect(logoutInit.body).toBe('{"refreshToken":"refresh-y"}');
  });
});
