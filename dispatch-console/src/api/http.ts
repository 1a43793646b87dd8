import type { Problem } from './types';

/**
 * A failed API call. `status` is 0 when no answer came back (network down, timeout); otherwise
 * the HTTP status with the server's problem details, whose `detail` is meant for the user.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly reason: 'http' | 'network' | 'timeout' = 'http',
    /** The server's `Retry-After`, in seconds, when it gave one (429, 503). */
    readonly retryAfter: number | null = null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status || reason}`);
    this.name = 'ApiError';
  }
}

/** Reads a problem+json (or any JSON object) body; anything else gives null. */
export async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

/** `Retry-After` as seconds from now: a number of seconds or an HTTP date; null if absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export interface HttpOptions {
  /** The bearer token, or null before login. */
  token: () => string | null;
  /**
   * Called on a 401 to an authenticated call, with the token that was refused: the session is
   * over (unless the token has changed meanwhile, e.g. a late answer to a previous session).
   */
  onUnauthorized: (refusedToken: string | null) => void;
  /**
   * Renews the session after a 401 to an authenticated call (the token that was refused is given):
   * resolves once a newer token is in place, and the call is then sent once more with it. Rejects
   * when it cannot (an ApiError 401: the session is over; anything else: could not reach the
   * server). Without it, a 401 goes straight to `onUnauthorized`.
   */
  renew?: (refusedToken: string | null) => Promise<void>;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** JSON over fetch with the bearer token, a timeout, and problem+json errors turned into ApiError. */
export class Http {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetchImpl = options.fetchImpl ?? ((...args) => fetch(...args));
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, authenticated = true): Promise<T> {
    return this.request<T>('POST', path, body, authenticated);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** Fetches a binary resource (a photo) with the token, for use as an object URL. */
  async blob(path: string): Promise<Blob> {
    const response = await this.send('GET', path, undefined, true, '*/*');
    return response.blob();
  }

  async request<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const response = await this.send(method, path, body, authenticated, 'application/json');
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    authenticated: boolean,
    accept: string,
    retried = false,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: `${accept}, application/problem+json` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = this.options.token();
    if (authenticated && token) headers.Authorization = `Bearer ${token}`;

    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: abort.signal,
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, null, abort.signal.aborted ? 'timeout' : 'network');
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      const problem = await readProblem(response);
      const refused = new ApiError(
        response.status,
        problem,
        'http',
        retryAfterSeconds(response.headers.get('retry-after')),
      );
      if (response.status === 401 && authenticated) {
        // Once per call: renew the session, then send the call again with the new token. A second
        // 401 means the new token is refused too: the session is over.
        if (this.options.renew && !retried) {
          try {
            await this.options.renew(token);
          } catch (error) {
            throw error instanceof ApiError && error.status !== 401 ? error : refused;
          }
          return this.send(method, path, body, authenticated, accept, true);
        }
        this.options.onUnauthorized(token);
      }
      throw refused;
    }
    return response;
  }
}
