import { backoffDelay } from './backoff';
import { ApiError } from './http';
import type { ServerMessage } from './types';

/** What the connection indicator shows. */
export type LinkState = 'connected' | 'reconnecting' | 'offline';

/** Something the indicator adds to its state: the server refuses this console for now. */
export type LinkNotice = 'tooManyConsoles';

/**
 * Close codes the server uses. 4401: the ticket is refused, or the session's access token expired,
 * the account was deactivated or its role or provinces changed: renew the session, then a new
 * ticket. 4403: the account has too many consoles open (5). 4409: too far behind, resync.
 * 1001: the instance is shutting down; any close other than these just reconnects from lastSeq.
 */
export const CLOSE_TICKET_INVALID = 4401;
export const CLOSE_SESSION = CLOSE_TICKET_INVALID;
export const CLOSE_TOO_MANY_CONSOLES = 4403;
export const CLOSE_RESYNC = 4409;
/** Our own code when we give up on a socket that went silent. */
export const CLOSE_SILENT = 4000;

/** Server sends a heartbeat every ~15 s; this long without any message means the link is dead. */
export const SILENCE_LIMIT_MS = 40_000;
/** After this many failed attempts in a row the indicator says offline (attempts go on). */
export const OFFLINE_AFTER_FAILURES = 3;

/** The part of a WebSocket the client uses (so tests can hand in a fake one). */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

export interface LiveOptions {
  /** Asks for a fresh one-minute ticket (POST live-ticket). */
  ticket: () => Promise<string>;
  openSocket: (url: string) => SocketLike;
  /** Where the socket connects, from the page's own address. */
  location: { protocol: string; host: string };
  /** The sequence number to resume from (highest seen), or null before the first snapshot. */
  resumeSeq: () => number | null;
  onMessage: (message: ServerMessage) => void;
  onState: (state: LinkState) => void;
  /** The session is over (ticket refused with 401): go back to login. */
  onUnauthorized: () => void;
  /**
   * Renews the session (after a 4401 close, before the next ticket). Rejects when it cannot: with
   * an ApiError 401 when the session is over, otherwise it is tried again with the back-off.
   */
  refreshSession?: () => Promise<unknown>;
  /** The server's reason for refusing this console (4403), or null once it is heard from again. */
  onNotice?: (notice: LinkNotice | null) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  silenceLimitMs?: number;
}

export function liveUrl(
  location: { protocol: string; host: string },
  ticket: string,
  lastSeq: number | null,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  let url = `${scheme}//${location.host}/api/v1/dispatch/live?ticket=${encodeURIComponent(ticket)}`;
  if (lastSeq !== null) url += `&lastSeq=${lastSeq}`;
  return url;
}

/** Parses one text frame; anything that is not a well-formed server message gives null. */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const message = value as Record<string, unknown>;
  if (typeof message.seq !== 'number' || !Number.isFinite(message.seq)) return null;
  switch (message.type) {
    case 'snapshot':
      return Array.isArray(message.incidents) ? (message as unknown as ServerMessage) : null;
    case 'event':
      return typeof message.eventType === 'string' ? (message as unknown as ServerMessage) : null;
    case 'heartbeat':
      return message as unknown as ServerMessage;
    default:
      return null;
  }
}

/**
 * The live feed: gets a ticket, opens the WebSocket, and owns reconnect and resync.
 *
 * On any loss (close, error, or 40 s of silence) it reconnects with back-off, always with a new
 * ticket and `lastSeq` = the highest sequence seen, so the server replays exactly what was missed.
 * After a 4409 close it asks for a snapshot instead (no lastSeq) until one arrives. Deduplication
 * by sequence number is the store's job; this class only moves messages.
 */
export class LiveConnection {
  private running = false;
  private connecting = false;
  private socket: SocketLike | null = null;
  private failures = 0;
  private wantSnapshot = false;
  /** A 4401 close: the session must be renewed before the next ticket. */
  private mustRefresh = false;
  private notice: LinkNotice | null = null;
  private reconnectTimer: unknown = null;
  private silenceTimer: unknown = null;
  private state: LinkState | null = null;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly random: () => number;
  private readonly silenceLimitMs: number;

  constructor(private readonly options: LiveOptions) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.random = options.random ?? Math.random;
    this.silenceLimitMs = options.silenceLimitMs ?? SILENCE_LIMIT_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.emit('reconnecting');
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.cancelTimers();
    this.abandonSocket();
  }

  /**
   * The session was renewed: a fresh ticket keeps the open socket past the end of the token it was
   * opened with (the server closes it with 4401 then). If this fails, that close comes, and the
   * feed reconnects with what it has seen, so nothing is missed either way.
   */
  async renew(): Promise<void> {
    const socket = this.socket;
    if (!this.running || !socket) return;
    try {
      const ticket = await this.options.ticket();
      if (this.socket === socket) socket.send(JSON.stringify({ type: 'renew', ticket }));
    } catch {
      // see above
    }
  }

  /** Skips the back-off wait (e.g. the browser reports the network is back). */
  reconnectNow(): void {
    if (!this.running || this.socket || this.connecting) return;
    this.cancelTimers();
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.connecting) return;
    this.connecting = true;
    if (this.mustRefresh && this.options.refreshSession) {
      try {
        await this.options.refreshSession();
        this.mustRefresh = false;
      } catch (error) {
        this.connecting = false;
        if (!this.running) return;
        if (error instanceof ApiError && error.status === 401) {
          this.stop();
          this.options.onUnauthorized();
          return;
        }
        this.lost();
        return;
      }
      if (!this.running) {
        this.connecting = false;
        return;
      }
    }
    let ticket: string;
    try {
      ticket = await this.options.ticket();
    } catch (error) {
      this.connecting = false;
      if (!this.running) return;
      if (error instanceof ApiError && error.status === 401) {
        this.stop();
        this.options.onUnauthorized();
        return;
      }
      this.lost();
      return;
    }
    this.connecting = false;
    if (!this.running || this.socket) return;

    const lastSeq = this.wantSnapshot ? null : this.options.resumeSeq();
    let socket: SocketLike;
    try {
      socket = this.options.openSocket(liveUrl(this.options.location, ticket, lastSeq));
    } catch {
      this.lost();
      return;
    }
    this.socket = socket;
    // Also bounds the wait for a socket that never opens.
    this.armSilenceTimer();
    let heardFromServer = false;

    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.armSilenceTimer();
      this.emit('connected');
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.armSilenceTimer();
      const message = parseServerMessage(event.data);
      if (!message) return;
      if (!heardFromServer) {
        // Reset the back-off only once the server has spoken: a server that accepts and closes
        // at once must not make us reconnect in a tight loop.
        heardFromServer = true;
        this.failures = 0;
        this.emit('connected');
        this.setNotice(null);
      }
      if (message.type === 'snapshot') this.wantSnapshot = false;
      this.options.onMessage(message);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === CLOSE_RESYNC) this.wantSnapshot = true;
      // Every attempt asks for a new ticket (they are single-use); after a 4401 the session is
      // renewed first. A 401 on either ends the session.
      if (event.code === CLOSE_SESSION) this.mustRefresh = true;
      // Too many consoles: say so, and keep trying with the normal back-off (one may close).
      if (event.code === CLOSE_TOO_MANY_CONSOLES) this.setNotice('tooManyConsoles');
      this.lost();
    };
  }

  private lost(): void {
    this.cancelTimers();
    this.abandonSocket();
    if (!this.running) return;
    const delay = backoffDelay(this.failures, this.random());
    this.failures += 1;
    this.emit(this.failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting');
    this.reconnectTimer = this.setTimer(() => void this.connect(), delay);
  }

  private armSilenceTimer(): void {
    if (this.silenceTimer !== null) this.clearTimer(this.silenceTimer);
    this.silenceTimer = this.setTimer(() => {
      this.silenceTimer = null;
      // A dead TCP connection may take minutes to report its close: do not wait for it.
      this.lost();
    }, this.silenceLimitMs);
  }

  private abandonSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(CLOSE_SILENT, 'client reconnects');
    } catch {
      // already closed
    }
  }

  private cancelTimers(): void {
    if (this.reconnectTimer !== null) this.clearTimer(this.reconnectTimer);
    if (this.silenceTimer !== null) this.clearTimer(this.silenceTimer);
    this.reconnectTimer = null;
    this.silenceTimer = null;
  }

  private setNotice(notice: LinkNotice | null): void {
    if (notice === this.notice) return;
    this.notice = notice;
    this.options.onNotice?.(notice);
  }

  private emit(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState(state);
  }
}
