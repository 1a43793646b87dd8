import { describe, expect, it } from 'vitest';
import { Incidents } from '../test/factories';
import { moveSelection, newCount, pageTitle, shortId, sortQueue } from './queue';

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
