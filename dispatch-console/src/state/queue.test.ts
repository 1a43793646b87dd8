import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../api/types';
import { Incidents, Trusts } from '../test/factories';
import {
  isAlarm,
  MERGE_CANDIDATES_MAX,
  mergeCandidates,
  moveInQueue,
  moveSelection,
  newCount,
  newTotal,
  pageTitle,
  type QueueRow,
  queueRows,
  rowIndexOf,
  shortId,
  sortQueue,
} from './queue';

const byId = (...incidents: ReturnType<typeof Incidents.open>[]) =>
  Object.fromEntries(incidents.map((i) => [i.id, i]));

describe('queue order', () => {
  it('puts NEW first, then the statuses in workflow order, newest first within a status', () => {
    const oldNew = Incidents.open({ openedAt: '2026-11-23T09:00:00Z' });
    const newNew = Incidents.open({ openedAt: '2026-11-23T10:00:00Z' });
    const ack = Incidents.open({ status: 'ACKNOWLEDGED', openedAt: '2026-11-23T11:00:00Z' });
    const onScene = Incidents.open({ status: 'ON_SCENE', openedAt: '2026-11-23T08:00:00Z' });
    const dispatched = Incidents.open({ status: 'DISPATCHED', openedAt: '2026-11-23T07:00:00Z' });
    const order = sortQueue(byId(onScene, ack, oldNew, dispatched, newNew)).map((i) => i.id);
    expect(order).toEqual([newNew.id, oldNew.id, ack.id, dispatched.id, onScene.id]);
  });

  it('counts the NEW incidents for the title', () => {
    const incidents = byId(Incidents.open(), Incidents.open(), Incidents.open({ status: 'ACKNOWLEDGED' }));
    expect(newCount({ incidents })).toBe(2);
    expect(pageTitle(2, 'Báo cháy 114')).toBe('(2) Báo cháy 114');
    expect(pageTitle(0, 'Báo cháy 114')).toBe('Báo cháy 114');
  });

  it('does not count unread messages in the title: only NEW incidents', () => {
    const incidents = byId(Incidents.open({ status: 'ACKNOWLEDGED', unreadMessages: 5 }), Incidents.open());
    expect(newCount({ incidents })).toBe(1);
  });
});

describe('moving the selection', () => {
  const queue = [Incidents.open(), Incidents.open(), Incidents.open()];

  it('goes down and up one row and stops at the ends', () => {
    expect(moveSelection(queue, queue[0].id, 1)).toBe(queue[1].id);
    expect(moveSelection(queue, queue[1].id, -1)).toBe(queue[0].id);
    expect(moveSelection(queue, queue[2].id, 1)).toBe(queue[2].id);
    expect(moveSelection(queue, queue[0].id, -1)).toBe(queue[0].id);
  });

  it('starts at the top when nothing, or an incident no longer queued, is selected', () => {
    expect(moveSelection(queue, null, 1)).toBe(queue[0].id);
    expect(moveSelection(queue, 'gone', -1)).toBe(queue[0].id);
    expect(moveSelection([], null, 1)).toBeNull();
  });
});

it('shortens ids to their last six characters, which differ even between time-ordered UUIDs', () => {
  expect(shortId('3f2a9c1e-7b44-4d0e-9a6b-0c1d2e3f4a5b')).toBe('3F4A5B');
  expect(shortId('019ab0c1-0000-7000-8000-00000000a1b2')).toBe('00A1B2');
});

describe('queue order with trust', () => {
  const at = (hh: string) => `2026-11-23T${hh}:00Z`;

  it('puts NEW first by trust (trusted, normal, unverified), then the most recent report first', () => {
    const unverifiedLatest = Incidents.open({ trust: Trusts.unverified(), lastReportAt: at('10:59') });
    const normalOld = Incidents.open({ trust: Trusts.normal(), lastReportAt: at('10:01') });
    const normalRecent = Incidents.open({ trust: Trusts.normal(), lastReportAt: at('10:30'), openedAt: at('09:00') });
    const trusted = Incidents.open({ trust: Trusts.trusted(), lastReportAt: at('10:00') });
    const ack = Incidents.open({ status: 'ACKNOWLEDGED', trust: Trusts.trusted(), openedAt: at('10:50') });
    const onScene = Incidents.open({ status: 'ON_SCENE', trust: Trusts.unverified(), openedAt: at('10:55') });
    const order = sortQueue(byId(onScene, ack, unverifiedLatest, normalOld, trusted, normalRecent)).map((i) => i.id);
    expect(order).toEqual([trusted.id, normalRecent.id, normalOld.id, unverifiedLatest.id, ack.id, onScene.id]);
  });

  it('reads an incident without trust (older backend) as NORMAL, and never drops one', () => {
    const bare = Incidents.open({ lastReportAt: at('10:10') });
    delete (bare as Partial<IncidentSummary>).trust;
    const unverified = Incidents.open({ trust: Trusts.unverified(), lastReportAt: at('10:20') });
    const normal = Incidents.open({ lastReportAt: at('10:05') });
    expect(sortQueue(byId(unverified, normal, bare)).map((i) => i.id)).toEqual([bare.id, normal.id, unverified.id]);
  });

  it('handles a flood: 60 000 incidents, sorted without any quadratic cost', () => {
    const flood: IncidentSummary[] = [];
    for (let i = 0; i < 60_000; i++) {
      const when = new Date(Date.parse(at('10:00')) + i * 1000).toISOString();
      flood.push(Incidents.open({ lastReportAt: when, openedAt: when, trust: i % 7 ? Trusts.normal() : Trusts.unverified() }));
    }
    const started = performance.now();
    const sorted = sortQueue(byId(...flood));
    expect(performance.now() - started).toBeLessThan(5000); // ~0.1 s here; quadratic would be minutes
    expect(sorted).toHaveLength(60_000);
    expect(sorted[0].trust.level).toBe('NORMAL');
    expect(sorted.at(-1)!.trust.level).toBe('UNVERIFIED');
  });
});

describe('burst groups', () => {
  const at = (mm: number) => `2026-11-23T10:${String(mm).padStart(2, '0')}:00Z`;
  const burst = (key: string, size: number) => ({ key, size });
  const ids = (rows: QueueRow[]) =>
    rows.map((r) => (r.kind === 'burst' ? `burst:${r.key}(${r.members.length})` : r.incident.id));

  function flood() {
    const trusted = Incidents.open({ trust: Trusts.trusted(), lastReportAt: at(1) });
    const b1 = Incidents.open({ burst: burst('ip:1', 3), lastReportAt: at(9) });
    const b2 = Incidents.open({ burst: burst('ip:1', 3), lastReportAt: at(8) });
    const b3 = Incidents.open({ burst: burst('ip:1', 3), trust: Trusts.unverified(), lastReportAt: at(7) });
    const normal = Incidents.open({ lastReportAt: at(5) });
    const ack = Incidents.open({ status: 'ACKNOWLEDGED', burst: burst('ip:1', 3) });
    return { trusted, b1, b2, b3, normal, ack };
  }

  it('shows one source\'s NEW incidents as one collapsed line, where its best member would be', () => {
    const { trusted, b1, b2, b3, normal, ack } = flood();
    const rows = queueRows(sortQueue(byId(trusted, b1, b2, b3, normal, ack)));
    expect(ids(rows)).toEqual([trusted.id, 'burst:ip:1(3)', normal.id, ack.id]);
    const group = rows[1] as Extract<QueueRow, { kind: 'burst' }>;
    expect(group.expanded).toBe(false);
    expect(group.members.map((m) => m.id)).toEqual([b1.id, b2.id, b3.id]);
  });

  it('lists the members under the line once it is expanded', () => {
    const { trusted, b1, b2, b3, normal } = flood();
    const rows = queueRows(sortQueue(byId(trusted, b1, b2, b3, normal)), { 'ip:1': true });
    expect(ids(rows)).toEqual([trusted.id, 'burst:ip:1(3)', b1.id, b2.id, b3.id, normal.id]);
    expect(rows.filter((r) => r.kind === 'incident' && r.burstKey === 'ip:1')).toHaveLength(3);
  });

  it('makes no group of a single NEW incident left of its burst, and keeps sources apart', () => {
    const alone = Incidents.open({ burst: burst('dev:9', 5), lastReportAt: at(3) });
    const a1 = Incidents.open({ burst: burst('ip:2', 4), lastReportAt: at(2) });
    const a2 = Incidents.open({ burst: burst('ip:2', 4), lastReportAt: at(1) });
    const acked = Incidents.open({ status: 'DISPATCHED', burst: burst('dev:9', 5) });
    expect(ids(queueRows(sortQueue(byId(alone, a1, a2, acked))))).toEqual([alone.id, 'burst:ip:2(2)', acked.id]);
  });

  it('moves J/K over lines: a collapsed group is one stop (its best incident), an open one its members', () => {
    const { trusted, b1, b2, b3, normal } = flood();
    const queue = sortQueue(byId(trusted, b1, b2, b3, normal));
    const collapsed = queueRows(queue);
    expect(moveInQueue(collapsed, trusted.id, 1)).toBe(b1.id);
    expect(moveInQueue(collapsed, b1.id, 1)).toBe(normal.id);
    // Selected on the map, inside the folded group: its line is where J/K start from.
    expect(rowIndexOf(collapsed, b3.id)).toBe(1);
    expect(moveInQueue(collapsed, b3.id, -1)).toBe(trusted.id);
    expect(moveInQueue(collapsed, null, 1)).toBe(trusted.id);
    const open = queueRows(queue, { 'ip:1': true });
    expect(moveInQueue(open, trusted.id, 1)).toBe(b1.id);
    expect(moveInQueue(open, b1.id, 1)).toBe(b2.id);
    expect(moveInQueue(open, b3.id, 1)).toBe(normal.id);
    expect(moveInQueue(open, normal.id, 1)).toBe(normal.id);
  });
});

describe('true counts after a truncated snapshot', () => {
  it('show the server\'s NEW count, never fewer than the queue holds', () => {
    expect(newTotal({ truncated: false, counts: { open: 60_000, new: 59_000 } }, 500)).toBe(500);
    expect(newTotal({ truncated: true, counts: { open: 60_000, new: 59_000 } }, 500)).toBe(59_000);
    expect(newTotal({ truncated: true, counts: { open: 600, new: 400 } }, 501)).toBe(501);
    expect(newTotal({ truncated: true, counts: null }, 7)).toBe(7);
  });
});

describe('merge candidates', () => {
  it('are every other open incident in queue order, or in a flood the nearest ones', () => {
    const few = [Incidents.open(), Incidents.open(), Incidents.open()];
    expect(mergeCandidates(few, few[1].id).map((i) => i.id)).toEqual([few[0].id, few[2].id]);
    const here = Incidents.open({ location: { lat: 21.03, lon: 105.85 } });
    const near = Incidents.open({ location: { lat: 21.031, lon: 105.851 } });
    const far = Array.from({ length: MERGE_CANDIDATES_MAX + 20 }, (_, i) =>
      Incidents.open({ location: { lat: 10 + i * 0.01, lon: 106.6 } }),
    );
    const queue = [...far, near, here];
    const candidates = mergeCandidates(queue, here.id);
    expect(candidates).toHaveLength(MERGE_CANDIDATES_MAX);
    expect(candidates.at(-1)!.id).toBe(near.id); // still in queue order
    expect(candidates.some((c) => c.id === here.id)).toBe(false);
  });
});

describe('alarm incidents', () => {
  it('are those a transmitter opened or signalled into, not a citizen\'s alone', () => {
    expect(isAlarm(Incidents.alarm())).toBe(true);
    expect(isAlarm(Incidents.open({ source: 'ALARM_DEVICE' }))).toBe(true);
    // A citizen reported first, then the premises' alarm joined.
    expect(isAlarm(Incidents.open({ source: 'CITIZEN', premises: { id: 'p', name: 'Chợ Mơ' } }))).toBe(true);
    expect(isAlarm(Incidents.open())).toBe(false);
    expect(isAlarm(Incidents.open({ source: 'CITIZEN', premises: null }))).toBe(false);
  });
});
