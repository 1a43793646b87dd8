import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './http';
import {
  CLOSE_RESYNC,
  CLOSE_SESSION,
  CLOSE_TICKET_INVALID,
  CLOSE_TOO_MANY_CONSOLES,
  type LinkNotice,
  type LinkState,
  LiveConnection,
  liveUrl,
  parseServerMessage,
  type SocketLike,
} from './live';
import type { ServerMessage } from './types';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closedWith: number | null = null;
  constructor(readonly url: string) {}
  open() {
    this.onopen?.({});
  }
  /** What the console sent to the server. */
  sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
  }
  /** The server sends a message to the console. */
  push(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  serverClose(code: number) {
    this.onclose?.({ code });
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  lastSeq(): string | null {
    return new URL(this.url).searchParams.get('lastSeq');
  }
  ticket(): string | null {
    return new URL(this.url).searchParams.get('ticket');
  }
}

/** A live connection wired to fakes; resumeSeq follows the messages it delivers, like the store. */
function harness(
  ticket: () => Promise<string> = async () => `t${Math.random()}`,
  refreshSession?: () => Promise<unknown>,
) {
  const sockets: FakeSocket[] = [];
  const states: LinkState[] = [];
  const notices: (LinkNotice | null)[] = [];
  const received: ServerMessage[] = [];
  const unauthorized = vi.fn();
  let resume: number | null = null;
  const tickets = vi.fn(ticket);
  const live = new LiveConnection({
    ticket: tickets,
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    location: { protocol: 'https:', host: 'console.example' },
    resumeSeq: () => resume,
    onMessage: (message) => {
      received.push(message);
      resume = Math.max(resume ?? 0, message.seq);
    },
    onState: (state) => states.push(state),
    onUnauthorized: unauthorized,
    refreshSession,
    onNotice: (notice) => notices.push(notice),
    random: () => 0.5,
  });
  const latest = () => sockets[sockets.length - 1];
  return { live, sockets, states, notices, received, unauthorized, tickets, latest };
}

/** Lets the ticket promise settle and the socket get opened. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** Waits (in fake time) until the next socket is opened. */
async function nextSocket(h: ReturnType<typeof harness>): Promise<FakeSocket> {
  const before = h.sockets.length;
  for (let waited = 0; h.sockets.length === before; waited += 100) {
    if (waited > 60_000) throw new Error('no reconnect');
    await vi.advanceTimersByTimeAsync(100);
  }
  return h.latest();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live connection', () => {
  it('connects with a ticket and no lastSeq at first, and reports connected', async () => {
    const h = harness(async () => 'abc');
    h.live.start();
    await settle();
    expect(h.latest().url).toBe('wss://console.example/api/v1/dispatch/live?ticket=abc');
    h.latest().open();
    expect(h.states).toEqual(['reconnecting', 'connected']);
  });

  it('reconnects after a close with a new ticket and lastSeq = highest seen, after 0.5 s', async () => {
    const h = harness();
    h.live.start();
    await settle();
    const first = h.latest();
    first.open();
    first.push({ type: 'snapshot', seq: 10, incidents: [] });
    first.push({ type: 'heartbeat', seq: 42 });
    first.serverClose(1006);
    expect(h.states.at(-1)).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(499);
    expect(h.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets).toHaveLength(2);
    expect(h.latest().lastSeq()).toBe('42');
    expect(h.tickets).toHaveBeenCalledTimes(2);
    expect(h.latest().ticket()).not.toBe(first.ticket());
  });

  it('backs off 0.5, 1, 2, 4 s while the server stays away, and says offline after 3 failures', async () => {
    const h = harness();
    h.live.start();
    await settle();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      h.latest().serverClose(1006);
      const before = h.sockets.length;
      let waited = 0;
      while (h.sockets.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    expect(h.states).toContain('offline');
  });

  it('resets the back-off once the server has sent a message', async () => {
    const h = harness();
    h.live.start();
    await settle();
    h.latest().serverClose(1006);
    await vi.advanceTimersByTimeAsync(500);
    h.latest().serverClose(1006);
    await vi.advanceTimersByTimeAsync(1000);
    h.latest().open();
    h.latest().push({ type: 'heartbeat', seq: 1 });
    h.latest().serverClose(1006);
    const before = h.sockets.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sockets.length).toBe(before + 1);
  });

  it('asks for a snapshot (no lastSeq) after a 4409 close, until one arrives', async () => {
    const h = harness();
    h.live.start();
    await settle();
    h.latest().push({ type: 'snapshot', seq: 5, incidents: [] });
    h.latest().serverClose(CLOSE_RESYNC);
    const second = await nextSocket(h);
    expect(second.lastSeq()).toBeNull();
    second.serverClose(1006); // lost again before the snapshot came
    const third = await nextSocket(h);
    expect(third.lastSeq()).toBeNull();
    third.push({ type: 'snapshot', seq: 9, incidents: [] });
    third.serverClose(1006);
    expect((await nextSocket(h)).lastSeq()).toBe('9');
  });

  it('gets a new ticket after 4401, and goes to login when the ticket is refused with 401', async () => {
    let refuse = false;
    const h = harness(async () => {
      if (refuse) throw new ApiError(401, { status: 401, title: 'Unauthorized' });
      return 'ok';
    });
    h.live.start();
    await settle();
    h.latest().push({ type: 'snapshot', seq: 1, incidents: [] });
    refuse = true;
    h.latest().serverClose(CLOSE_TICKET_INVALID);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.unauthorized).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets).toHaveLength(1);
  });

  it('keeps retrying when the ticket request fails for another reason (server down)', async () => {
    let down = true;
    const h = harness(async () => {
      if (down) throw new ApiError(0, null, 'network');
      return 'ok';
    });
    h.live.start();
    await settle();
    expect(h.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500 + 1000);
    down = false;
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.sockets).toHaveLength(1);
    expect(h.unauthorized).not.toHaveBeenCalled();
  });

  it('gives up on a socket silent for 40 s and reconnects', async () => {
    const h = harness();
    h.live.start();
    await settle();
    const first = h.latest();
    first.open();
    first.push({ type: 'heartbeat', seq: 7 });
    await vi.advanceTimersByTimeAsync(39_999);
    expect(h.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.closedWith).not.toBeNull();
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sockets).toHaveLength(2);
    expect(h.latest().lastSeq()).toBe('7');
    // A late message from the abandoned socket is not delivered.
    first.push({ type: 'heartbeat', seq: 8 });
    expect(h.received.map((m) => m.seq)).toEqual([7]);
  });

  it('stays down after stop()', async () => {
    const h = harness();
    h.live.start();
    await settle();
    h.live.stop();
    expect(h.latest().closedWith).not.toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets).toHaveLength(1);
  });

  it('passes server messages on and drops malformed ones', async () => {
    const h = harness();
    h.live.start();
    await settle();
    h.latest().onmessage?.({ data: 'not json' });
    h.latest().push({ type: 'mystery', seq: 3 });
    h.latest().push({ type: 'event', seq: 4, eventType: 'NoteAdded', incidentId: 'x', incident: null, unit: null });
    expect(h.received.map((m) => m.type)).toEqual(['event']);
  });
});

describe('session and capacity close codes', () => {
  it('after 4401 renews the session first, then gets a new ticket and reconnects', async () => {
    const calls: string[] = [];
    const refresh = vi.fn(async () => void calls.push('refresh'));
    const h = harness(async () => {
      calls.push('ticket');
      return `t${calls.length}`;
    }, refresh);
    h.live.start();
    await settle();
    h.latest().open();
    h.latest().push({ type: 'snapshot', seq: 3, incidents: [] });
    expect(calls).toEqual(['ticket']);
    h.latest().serverClose(CLOSE_SESSION);
    const next = await nextSocket(h);
    expect(calls).toEqual(['ticket', 'refresh', 'ticket']);
    expect(next.ticket()).toBe('t3');
    expect(next.lastSeq()).toBe('3');
    // Only a 4401 renews the session: an ordinary drop just gets a new ticket.
    next.serverClose(1006);
    await nextSocket(h);
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('after 4401 keeps trying when the renewal gets no answer, and renews before the next ticket', async () => {
    let down = true;
    const refresh = vi.fn(async () => {
      if (down) throw new ApiError(0, null, 'network');
    });
    const h = harness(undefined, refresh);
    h.live.start();
    await settle();
    h.latest().serverClose(CLOSE_SESSION);
    await vi.advanceTimersByTimeAsync(500);
    expect(refresh).toHaveBeenCalledOnce();
    expect(h.tickets).toHaveBeenCalledOnce();
    down = false;
    await nextSocket(h);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(h.tickets).toHaveBeenCalledTimes(2);
    expect(h.unauthorized).not.toHaveBeenCalled();
  });

  it('after 4401 goes to login when the session cannot be renewed (401)', async () => {
    const refresh = vi.fn(async () => {
      throw new ApiError(401, { status: 401 });
    });
    const h = harness(undefined, refresh);
    h.live.start();
    await settle();
    h.latest().serverClose(CLOSE_TICKET_INVALID);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.unauthorized).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets).toHaveLength(1);
    expect(h.tickets).toHaveBeenCalledOnce();
  });

  it('after 4403 says the account has too many consoles, and keeps retrying with the back-off', async () => {
    const h = harness();
    h.live.start();
    await settle();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      h.latest().open();
      h.latest().serverClose(CLOSE_TOO_MANY_CONSOLES);
      const before = h.sockets.length;
      let waited = 0;
      while (h.sockets.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([500, 1000, 2000]);
    expect(h.notices).toEqual(['tooManyConsoles']);
    // A console closed elsewhere: the server lets this one in and the notice goes.
    h.latest().push({ type: 'snapshot', seq: 1, incidents: [] });
    expect(h.notices).toEqual(['tooManyConsoles', null]);
    expect(h.states.at(-1)).toBe('connected');
  });
});

describe('live helpers', () => {
  it('builds ws:// or wss:// URLs on the page\'s own host', () => {
    expect(liveUrl({ protocol: 'http:', host: 'localhost:5173' }, 'a b', 12)).toBe(
      'ws://localhost:5173/api/v1/dispatch/live?ticket=a%20b&lastSeq=12',
    );
  });

  it('parses only well-formed messages', () => {
    expect(parseServerMessage('{"type":"heartbeat","seq":3}')).toEqual({ type: 'heartbeat', seq: 3 });
    expect(parseServerMessage('{"type":"snapshot","seq":3}')).toBeNull();
    expect(parseServerMessage('{"type":"heartbeat"}')).toBeNull();
    expect(parseServerMessage(42)).toBeNull();
  });

  it('renews an open socket with a fresh ticket, and sends nothing when none is open', async () => {
    const h = harness();
    h.live.start();
    await settle();
    h.latest().open();
    h.latest().push({ type: 'snapshot', seq: 1, incidents: [] });

    await h.live.renew();

    const renew = JSON.parse(h.latest().sent.at(-1) ?? '{}');
    expect(renew.type).toBe('renew');
    expect(typeof renew.ticket).toBe('string');
    h.live.stop();
    await h.live.renew();
    expect(h.latest().sent).toHaveLength(1);
  });
});
