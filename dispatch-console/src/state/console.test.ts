import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../api/types';
import { Incidents, Messages, Units } from '../test/factories';
import { type Action, type ConsoleState, initialState, reduce } from './console';
import { createStore } from './store';

function feed(...messages: ServerMessage[]): ConsoleState {
  return messages.reduce((state, message) => reduce(state, { type: 'server', message }), initialState);
}

function apply(state: ConsoleState, ...actions: Action[]): ConsoleState {
  return actions.reduce(reduce, state);
}

describe('snapshot', () => {
  it('replaces every open incident and sets the sequence', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    const c = Incidents.open();
    const state = feed(Messages.snapshot(10, [a, b]), Messages.snapshot(20, [c]));
    expect(Object.keys(state.incidents)).toEqual([c.id]);
    expect(state.appliedSeq).toBe(20);
    expect(state.resumeSeq).toBe(20);
    expect(state.hasSnapshot).toBe(true);
  });

  it('keeps closed incidents out of the queue even if the server lists them', () => {
    const open = Incidents.open();
    const closed = Incidents.open({ status: 'CLOSED' });
    const state = feed(Messages.snapshot(5, [open, closed]));
    expect(Object.keys(state.incidents)).toEqual([open.id]);
  });

  it('is authoritative even when its sequence is lower than what was applied', () => {
    const a = Incidents.open();
    const state = feed(Messages.snapshot(50, []), Messages.event(60, 'IncidentOpened', a), Messages.snapshot(55, [a]));
    expect(state.appliedSeq).toBe(55);
    // ...so an event after the snapshot's point is applied, not taken for a duplicate.
    const later = reduce(state, {
      type: 'server',
      message: Messages.event(56, 'IncidentAcknowledged', Incidents.next(a, { status: 'ACKNOWLEDGED' })),
    });
    expect(later.incidents[a.id].status).toBe('ACKNOWLEDGED');
  });

  it('does not announce the incidents of the first snapshot after login', () => {
    const state = feed(Messages.snapshot(1, [Incidents.open(), Incidents.open()]));
    expect(state.alerts).toBe(0);
    expect(state.fresh).toEqual({});
  });

  it('announces NEW incidents that opened while the console was away (resync)', () => {
    const known = Incidents.open();
    const missed = Incidents.open();
    const acknowledged = Incidents.open({ status: 'ACKNOWLEDGED' });
    const state = feed(Messages.snapshot(1, [known]), Messages.snapshot(9, [known, missed, acknowledged]));
    expect(state.alerts).toBe(1);
    expect(Object.keys(state.fresh)).toEqual([missed.id]);
  });

  it('asks for the unit board and the open detail again', () => {
    const a = Incidents.open();
    let state = apply(feed(Messages.snapshot(1, [a])), { type: 'select', id: a.id });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(a) });
    const before = { units: state.unitsEpoch, detail: state.detailEpoch };
    state = apply(state, { type: 'server', message: Messages.snapshot(30, [a]) });
    expect(state.unitsEpoch).toBe(before.units + 1);
    expect(state.detailEpoch).toBe(before.detail + 1);
  });
});

describe('events', () => {
  it('upsert an opened incident and update it later', () => {
    const a = Incidents.open();
    const joined = Incidents.next(a, { reportCount: 2 });
    const state = feed(
      Messages.snapshot(1, []),
      Messages.event(2, 'IncidentOpened', a),
      Messages.event(3, 'ReportJoined', joined),
    );
    expect(state.incidents[a.id].reportCount).toBe(2);
    expect(state.appliedSeq).toBe(3);
  });

  it.each(['CLOSED', 'FALSE_ALARM', 'MERGED'] as const)('remove an incident that became %s', (status) => {
    const a = Incidents.open();
    const state = feed(
      Messages.snapshot(1, [a]),
      Messages.event(2, 'IncidentStatusChanged', Incidents.next(a, { status })),
    );
    expect(state.incidents[a.id]).toBeUndefined();
  });

  it('are never applied twice: an event at or below the highest applied sequence is ignored', () => {
    const a = Incidents.open();
    const acknowledged = Incidents.next(a, { status: 'ACKNOWLEDGED', acknowledgedBy: 'Nguyễn Văn A' });
    const state = feed(
      Messages.snapshot(10, [a]),
      Messages.event(10, 'IncidentAcknowledged', acknowledged), // already in the snapshot
    );
    expect(state.incidents[a.id].status).toBe('NEW');

    const after = feed(
      Messages.snapshot(10, []),
      Messages.event(12, 'IncidentOpened', a),
      Messages.event(14, 'IncidentAcknowledged', acknowledged),
    );
    const replay = reduce(after, { type: 'server', message: Messages.event(12, 'IncidentOpened', a) });
    expect(replay).toBe(after);
    expect(replay.alerts).toBe(1);
  });

  it('accept gaps between sequence numbers (other provinces\' events are not sent)', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    const state = feed(
      Messages.snapshot(100, []),
      Messages.event(107, 'IncidentOpened', a),
      Messages.event(250, 'IncidentOpened', b),
    );
    expect(Object.keys(state.incidents).sort()).toEqual([a.id, b.id].sort());
    expect(state.appliedSeq).toBe(250);
  });

  it('announce a new incident once, and highlight it until it is looked at', () => {
    const a = Incidents.open();
    let state = feed(Messages.snapshot(1, []), Messages.event(2, 'IncidentOpened', a));
    expect(state.alerts).toBe(1);
    expect(state.fresh[a.id]).toBe(true);
    state = apply(state, {
      type: 'server',
      message: Messages.event(3, 'ReportJoined', Incidents.next(a, { reportCount: 2 })),
    });
    expect(state.alerts).toBe(1);
    state = apply(state, { type: 'select', id: a.id });
    expect(state.fresh[a.id]).toBeUndefined();
  });

  it('stop highlighting an incident someone else acknowledged', () => {
    const a = Incidents.open();
    const state = feed(
      Messages.snapshot(1, []),
      Messages.event(2, 'IncidentOpened', a),
      Messages.event(3, 'IncidentAcknowledged', Incidents.next(a, { status: 'ACKNOWLEDGED' })),
    );
    expect(state.fresh).toEqual({});
  });

  it('update the unit board from a unit event and untick a unit someone else took', () => {
    const unit = Units.at('PCCC Hoàn Kiếm');
    let state = apply(feed(Messages.snapshot(1, [])), { type: 'unitsLoaded', units: [unit] });
    state = apply(state, { type: 'togglePick', unitId: unit.id });
    expect(state.pickedUnitIds).toEqual([unit.id]);
    state = apply(state, {
      type: 'server',
      message: Messages.event(2, 'UnitStatusChanged', null, { ...unit, status: 'DISPATCHED' }),
    });
    expect(state.units[unit.id].status).toBe('DISPATCHED');
    expect(state.pickedUnitIds).toEqual([]);
  });

  it('ask for the unit board again when a dispatch event carries no unit', () => {
    const a = Incidents.open();
    const before = feed(Messages.snapshot(1, [a]));
    const after = reduce(before, {
      type: 'server',
      message: Messages.event(2, 'UnitsDispatched', Incidents.next(a, { status: 'DISPATCHED' })),
    });
    expect(after.unitsEpoch).toBe(before.unitsEpoch + 1);
  });

  it('ask for the open detail again when they concern it, and only then', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    let state = apply(feed(Messages.snapshot(1, [a, b])), { type: 'select', id: a.id });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(a) });
    const epoch = state.detailEpoch;
    state = apply(state, { type: 'server', message: Messages.event(2, 'ReportJoined', Incidents.next(b, {})) });
    expect(state.detailEpoch).toBe(epoch);
    state = apply(state, { type: 'server', message: Messages.event(3, 'NoteAdded', a) });
    expect(state.detailEpoch).toBe(epoch + 1);
  });
});

describe("reporters' messages", () => {
  it('count in the queue row from the MessageSent event, and go back to 0 with MessagesRead', () => {
    const a = Incidents.open({ status: 'ACKNOWLEDGED' });
    // A citizen's message does not bump the version dispatcher actions are checked against.
    let state = feed(
      Messages.snapshot(1, [a]),
      Messages.event(2, 'MessageSent', { ...a, unreadMessages: 1 }),
      Messages.event(3, 'MessageSent', { ...a, unreadMessages: 2 }),
    );
    expect(state.incidents[a.id].unreadMessages).toBe(2);
    state = reduce(state, { type: 'server', message: Messages.event(4, 'MessagesRead', { ...a, unreadMessages: 0 }) });
    expect(state.incidents[a.id].unreadMessages).toBe(0);
  });

  it('arrive with the snapshot and are kept from a loaded detail', () => {
    const a = Incidents.open({ unreadMessages: 3 });
    let state = apply(feed(Messages.snapshot(1, [a])), { type: 'select', id: a.id });
    expect(state.incidents[a.id].unreadMessages).toBe(3);
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail({ ...a, unreadMessages: 4 }) });
    expect(state.incidents[a.id].unreadMessages).toBe(4);
    expect(state.incidents[a.id]).not.toHaveProperty('messages');
  });

  it('neither announce nor beep for an incident already queued', () => {
    const a = Incidents.open();
    const state = feed(
      Messages.snapshot(1, [a]),
      Messages.event(2, 'MessageSent', { ...a, unreadMessages: 1 }),
    );
    expect(state.alerts).toBe(0);
    expect(state.fresh).toEqual({});
  });

  it.each(['MessageSent', 'MessagesRead'] as const)('%s reloads the open detail it concerns, and only that', (type) => {
    const a = Incidents.open();
    const b = Incidents.open();
    let state = apply(feed(Messages.snapshot(1, [a, b])), { type: 'select', id: a.id });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(a) });
    const epoch = state.detailEpoch;
    state = apply(state, { type: 'server', message: Messages.event(2, type, { ...b, unreadMessages: 1 }) });
    expect(state.detailEpoch).toBe(epoch);
    state = apply(state, { type: 'server', message: Messages.event(3, type, { ...a, unreadMessages: 1 }) });
    expect(state.detailEpoch).toBe(epoch + 1);
  });

  it('do not bring a closed incident back into the queue', () => {
    const a = Incidents.open({ status: 'CONTROLLED' });
    const closed = Incidents.next(a, { status: 'CLOSED' });
    const state = feed(
      Messages.snapshot(1, [a]),
      Messages.event(2, 'IncidentStatusChanged', closed),
      Messages.event(3, 'MessageSent', { ...closed, unreadMessages: 1 }),
      Messages.event(4, 'MessageSent', { ...a, unreadMessages: 2 }), // a late, older copy
    );
    expect(state.incidents[a.id]).toBeUndefined();
  });
});

describe('heartbeats and resync bookkeeping', () => {
  it('move the resume point forward without raising the duplicate floor', () => {
    const a = Incidents.open();
    let state = feed(Messages.snapshot(10, []), Messages.heartbeat(40));
    expect(state.resumeSeq).toBe(40);
    expect(state.appliedSeq).toBe(10);
    // An event the server had not yet delivered when it counted 40 is still applied.
    state = reduce(state, { type: 'server', message: Messages.event(35, 'IncidentOpened', a) });
    expect(state.incidents[a.id]).toBeDefined();
    expect(state.resumeSeq).toBe(40);
  });

  it('never move the resume point back', () => {
    const state = feed(Messages.snapshot(10, []), Messages.heartbeat(40), Messages.heartbeat(30));
    expect(state.resumeSeq).toBe(40);
  });

  it('resume from the highest event when it is above the last heartbeat', () => {
    const state = feed(
      Messages.snapshot(10, []),
      Messages.heartbeat(20),
      Messages.event(25, 'IncidentOpened', Incidents.open()),
    );
    expect(state.resumeSeq).toBe(25);
  });

  it('a replay after reconnect applies exactly the missed events', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    const store = createStore(reduce, initialState);
    const send = (message: ServerMessage) => store.dispatch({ type: 'server', message });
    send(Messages.snapshot(10, [a]));
    send(Messages.event(11, 'IncidentOpened', b));
    // connection lost here; the server replays from lastSeq=11, repeating nothing...
    send(Messages.event(11, 'IncidentOpened', b)); // ...but a duplicate would be harmless
    send(Messages.event(12, 'IncidentStatusChanged', Incidents.next(a, { status: 'CLOSED' })));
    expect(Object.keys(store.getState().incidents)).toEqual([b.id]);
    expect(store.getState().alerts).toBe(1);
  });
});

describe('action answers and live events in either order', () => {
  it('an older copy never overwrites a newer one', () => {
    const a = Incidents.open();
    const ack = Incidents.next(a, { status: 'ACKNOWLEDGED' });
    const dispatched = Incidents.next(ack, { status: 'DISPATCHED' });
    let state = feed(Messages.snapshot(1, [a]), Messages.event(2, 'UnitsDispatched', dispatched));
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(ack) });
    expect(state.incidents[a.id].status).toBe('DISPATCHED');
  });

  it('a closed incident does not come back with a late, older event', () => {
    const a = Incidents.open({ status: 'CONTROLLED', version: 5 });
    const closed = Incidents.next(a, { status: 'CLOSED' });
    let state = feed(Messages.snapshot(1, [a]));
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(closed) }); // our action's answer
    state = apply(state, { type: 'server', message: Messages.event(2, 'NoteAdded', a) }); // older event
    expect(state.incidents[a.id]).toBeUndefined();
  });

  it('a detail is shown only for the selected incident, and not replaced by an older one', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    let state = apply(feed(Messages.snapshot(1, [a, b])), { type: 'select', id: a.id });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(b) });
    expect(state.detail).toBeNull();
    const newer = Incidents.detail(Incidents.next(a, { status: 'ACKNOWLEDGED' }));
    state = apply(state, { type: 'detailLoaded', detail: newer }, { type: 'detailLoaded', detail: Incidents.detail(a) });
    expect(state.detail?.status).toBe('ACKNOWLEDGED');
  });

  it('selecting another incident clears the ticked units', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    const state = apply(
      feed(Messages.snapshot(1, [a, b])),
      { type: 'select', id: a.id },
      { type: 'togglePick', unitId: 'u1' },
      { type: 'select', id: b.id },
    );
    expect(state.pickedUnitIds).toEqual([]);
  });
});

describe('store', () => {
  it('notifies subscribers of changes only', () => {
    const store = createStore(reduce, initialState);
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.resumeSeq ?? -1));
    store.dispatch({ type: 'server', message: Messages.heartbeat(5) });
    store.dispatch({ type: 'server', message: Messages.heartbeat(5) });
    store.dispatch({ type: 'server', message: Messages.heartbeat(6) });
    expect(seen).toEqual([5, 6]);
  });
});
