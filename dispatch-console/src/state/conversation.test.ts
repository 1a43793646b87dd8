import { describe, expect, it } from 'vitest';
import { Chat, Incidents, Messages, Reports } from '../test/factories';
import { type ConsoleState, initialState, reduce } from './console';
import { conversationOf, reporterNumber, shouldMarkRead } from './conversation';

function opened(unreadMessages: number): ConsoleState {
  const a = Incidents.open({ unreadMessages });
  let state = reduce(initialState, { type: 'server', message: Messages.snapshot(1, [a]) });
  state = reduce(state, { type: 'select', id: a.id });
  return reduce(state, { type: 'detailLoaded', detail: Incidents.detail(a) });
}

describe('marking the reporters\' messages read', () => {
  it('happens when the open detail says some are unread', () => {
    expect(shouldMarkRead(opened(2), null)).toBe(true);
  });

  it('does not happen when none is unread, or while the detail is loading', () => {
    expect(shouldMarkRead(opened(0), null)).toBe(false);
    const loading = reduce(opened(2), { type: 'select', id: 'another' });
    expect(shouldMarkRead(loading, null)).toBe(false);
    expect(shouldMarkRead(initialState, null)).toBe(false);
  });

  it('happens at most once per detail load, so a failure is not retried in a loop', () => {
    const state = opened(2);
    const marked = state.detail;
    // Every later change of the store (heartbeats, other incidents) keeps the same detail.
    const later = reduce(state, { type: 'server', message: Messages.heartbeat(9) });
    expect(shouldMarkRead(later, marked)).toBe(false);
    // Selecting the same incident again keeps the shown detail until it is fetched again.
    expect(shouldMarkRead(reduce(later, { type: 'select', id: state.selectedId }), marked)).toBe(false);
  });

  it('happens again when the detail loads again still unread (a new message, or the last try failed)', () => {
    const state = opened(1);
    const marked = state.detail!;
    const reloaded = reduce(state, { type: 'detailLoaded', detail: { ...marked, unreadMessages: 2 } });
    expect(shouldMarkRead(reloaded, marked)).toBe(true);
  });

  it('stops once the MessagesRead event has brought the count to 0', () => {
    const state = opened(1);
    const marked = state.detail!;
    let next = reduce(state, {
      type: 'server',
      message: Messages.event(2, 'MessagesRead', { ...marked, unreadMessages: 0 }),
    });
    expect(next.detailEpoch).toBe(state.detailEpoch + 1);
    next = reduce(next, { type: 'detailLoaded', detail: { ...marked, unreadMessages: 0 } });
    expect(shouldMarkRead(next, marked)).toBe(false);
  });
});

describe('the conversation', () => {
  it('is shown oldest first and names reporters by their report\'s position', () => {
    const first = Reports.saying('cháy');
    const second = Reports.saying('khói');
    const a = Incidents.open();
    const late = Chat.fromDispatcher(a.id, 'dieuphoi1', 'Đang tới', null, { seq: 50 });
    const early = Chat.fromReporter(a.id, second.id, 'Tầng 3', { seq: 10 });
    const detail = Incidents.detail(a, { reports: [first, second], messages: [late, early] });
    expect(conversationOf(detail).map((m) => m.seq)).toEqual([10, 50]);
    expect(reporterNumber(detail, second.id)).toBe(2);
    expect(reporterNumber(detail, 'not-listed')).toBeNull();
    expect(reporterNumber(detail, null)).toBeNull();
  });
});
