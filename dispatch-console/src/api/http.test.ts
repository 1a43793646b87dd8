import { describe, expect, it, vi } from 'vitest';
import { errorMessage } from '../controller';
import { ApiError, Http } from './http';
import { SessionStore } from './session';

const problem = (status: number, detail: string) =>
  new Response(
    JSON.stringify({ type: 'https://baochay.vn/problems/conflict', title: 'Conflict', status, detail }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

function client(answer: () => Promise<Response>, token: string | null = 'tok') {
  const fetchImpl = vi.fn(answer);
  const onUnauthorized = vi.fn();
  const http = new Http({ token: () => token, onUnauthorized, fetchImpl: fetchImpl as typeof fetch });
  return { http, fetchImpl, onUnauthorized };
}

describe('http client', () => {
  it('sends the bearer token and JSON body', async () => {
    const { http, fetchImpl } = client(async () => Response.json({ ok: true }));
    await http.post('/api/v1/dispatch/incidents/1/acknowledge', { version: 3 });
    const [path, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/dispatch/incidents/1/acknowledge');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(init.body).toBe('{"version":3}');
  });

  it('turns a problem into an error whose detail is shown to the dispatcher', async () => {
    const { http } = client(async () => problem(409, 'Đã được tiếp nhận bởi Nguyễn Văn A'));
    const error = await http.post('/x', { version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(errorMessage(error)).toEqual({ kind: 'error', text: 'Đã được tiếp nhận bởi Nguyễn Văn A' });
  });

  it('reports a 401 with the refused token, but not for the login call itself', async () => {
    const { http, onUnauthorized } = client(async () => problem(401, 'expired'));
    await http.get('/x').catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledWith('tok');
    await http.post('/login', {}, false).catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('says so when the server cannot be reached', async () => {
    const { http } = client(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await http.get('/x').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(0);
    expect(errorMessage(error)).toEqual({ kind: 'error', key: 'error.network' });
  });

  it('falls back to the status when the error body is not a problem', async () => {
    const { http } = client(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await http.get('/x').catch((e: unknown) => e);
    expect(errorMessage(error)).toEqual({ kind: 'error', key: 'error.http', params: { status: 502 } });
  });
});

describe('session', () => {
  const login = {
    token: 'tok',
    expiresAt: '2026-11-23T18:00:00Z',
    dispatcher: { username: 'a', displayName: 'Nguyễn Văn A', role: 'DISPATCHER' as const, provinces: ['Hà Nội'] },
  };
  const memory = () => {
    const data = new Map<string, string>();
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  };

  it('survives a reload of the tab (sessionStorage) until it expires', () => {
    const storage = memory();
    new SessionStore(storage, () => Date.parse('2026-11-23T10:00:00Z')).save(login);
    const reloaded = new SessionStore(storage, () => Date.parse('2026-11-23T10:00:00Z'));
    expect(reloaded.token()).toBe('tok');
    const later = new SessionStore(storage, () => Date.parse('2026-11-23T18:00:01Z'));
    expect(later.token()).toBeNull();
  });

  it('ignores a damaged stored session', () => {
    const storage = memory();
    storage.setItem('baochay.session', '{"token":');
    expect(new SessionStore(storage).get()).toBeNull();
  });
});
