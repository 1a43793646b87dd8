import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../api/types';
import { Alerts, Devices, Incidents, Messages, Premises, Units } from '../test/factories';
import { type Action, type ConsoleState, initialState, reduce } from './console';
import { newCount } from './queue';
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

describe('a flood: truncated snapshots and true counts', () => {
  it('a truncated snapshot keeps the true numbers it carries', () => {
    const shown = [Incidents.open(), Incidents.open(), Incidents.open({ status: 'DISPATCHED' })];
    const state = feed(Messages.snapshot(1, shown, { counts: { open: 60_000, new: 59_000 } }));
    expect(state.truncated).toBe(true);
    expect(state.counts).toEqual({ open: 60_000, new: 59_000 });
    expect(Object.keys(state.incidents)).toHaveLength(3);
  });

  it('polled counts replace them, and a complete snapshot ends the truncation', () => {
    let state = feed(Messages.snapshot(1, [Incidents.open()], { counts: { open: 900, new: 800 } }));
    state = reduce(state, { type: 'countsLoaded', counts: { open: 950, new: 870 } });
    expect(state.counts).toEqual({ open: 950, new: 870 });
    expect(state.truncated).toBe(true);
    state = reduce(state, { type: 'server', message: Messages.snapshot(2, [Incidents.open()]) });
    expect(state.truncated).toBe(false);
    expect(state.counts).toEqual({ open: 1, new: 1 });
  });

  it('a snapshot from an older backend (no truncated, no counts) is complete', () => {
    const a = Incidents.open();
    const state = feed({ type: 'snapshot', seq: 4, incidents: [a] } as unknown as ServerMessage);
    expect(state.truncated).toBe(false);
    expect(state.counts).toBeNull();
    expect(state.incidents[a.id]).toBeDefined();
  });

  it('a batch of messages gives exactly what applying them one by one gives', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    const messages: ServerMessage[] = [
      Messages.snapshot(10, [a]),
      Messages.event(11, 'IncidentOpened', b),
      Messages.event(11, 'IncidentOpened', b), // a duplicate
      Messages.heartbeat(15),
      Messages.event(16, 'IncidentStatusChanged', Incidents.next(a, { status: 'CLOSED' })),
      Messages.event(17, 'IncidentAcknowledged', Incidents.next(b, { status: 'ACKNOWLEDGED' })),
      Messages.event(12, 'NoteAdded', a), // already applied past it
    ];
    const one = feed(...messages);
    const batch = reduce(initialState, { type: 'serverBatch', messages });
    expect(batch).toEqual(one);
    expect(Object.keys(batch.incidents)).toEqual([b.id]);
    expect(batch.departed[a.id]).toBe(a.version + 1);
  });

  it('a batch copies the queue once and leaves the state it started from as it was', () => {
    const queued = Array.from({ length: 50 }, () => Incidents.open());
    const before = feed(Messages.snapshot(1, queued));
    const frozen = structuredClone(before.incidents);
    const opened = Array.from({ length: 20 }, () => Incidents.open());
    const after = reduce(before, {
      type: 'serverBatch',
      messages: opened.map((incident, i) => Messages.event(2 + i, 'IncidentOpened', incident)),
    });
    expect(before.incidents).toEqual(frozen);
    expect(Object.keys(after.incidents)).toHaveLength(70);
    expect(after.alerts).toBe(20);
    // Incidents that did not change keep their objects (the map redraws only what changed).
    expect(after.incidents[queued[0].id]).toBe(before.incidents[queued[0].id]);
  });

  it('keeps trust and burst on the queued summary of a loaded detail', () => {
    const a = Incidents.open({ trust: { score: 10, level: 'UNVERIFIED', reasons: [{ code: 'NEW_DEVICE' }] }, burst: { key: 'ip:1', size: 4 } });
    let state = apply(feed(Messages.snapshot(1, [a])), { type: 'select', id: a.id });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(Incidents.next(a, {})) });
    expect(state.incidents[a.id].trust.level).toBe('UNVERIFIED');
    expect(state.incidents[a.id].burst).toEqual({ key: 'ip:1', size: 4 });
  });

  it('opens and folds burst groups, and says when the account has too many consoles', () => {
    let state = apply(initialState, { type: 'toggleBurst', key: 'ip:1' });
    expect(state.expandedBursts).toEqual({ 'ip:1': true });
    state = apply(state, { type: 'toggleBurst', key: 'ip:1' });
    expect(state.expandedBursts).toEqual({});
    state = apply(state, { type: 'linkNotice', notice: 'tooManyConsoles' });
    expect(state.linkNotice).toBe('tooManyConsoles');
  });
});

describe('queue sizes kept by the reducer', () => {
  it('follow every change: snapshot, opened, acknowledged, closed, duplicates, late copies', () => {
    const a = Incidents.open();
    const b = Incidents.open();
    const c = Incidents.open({ status: 'DISPATCHED' });
    const steps: ServerMessage[] = [
      Messages.snapshot(1, [a, c]),
      Messages.event(2, 'IncidentOpened', b),
      Messages.event(2, 'IncidentOpened', b),
      Messages.event(3, 'IncidentAcknowledged', Incidents.next(a, { status: 'ACKNOWLEDGED' })),
      Messages.event(4, 'IncidentStatusChanged', Incidents.next(c, { status: 'CLOSED' })),
      Messages.event(5, 'NoteAdded', c), // an older copy of a closed one
      Messages.event(6, 'IncidentStatusChanged', Incidents.next(b, { status: 'FALSE_ALARM' })),
    ];
    let state = initialState;
    for (const message of steps) {
      state = reduce(state, { type: 'server', message });
      expect(state.openShown).toBe(Object.keys(state.incidents).length);
      expect(state.newShown).toBe(newCount(state));
    }
    expect(state.openShown).toBe(1);
    expect(state.newShown).toBe(0);
    const batch = reduce(initialState, { type: 'serverBatch', messages: steps });
    expect([batch.openShown, batch.newShown]).toEqual([1, 0]);
  });
});

describe('area alerts', () => {
  it('are fetched again after an alert event, showing at once the alert it carries', () => {
    const alert = Alerts.around();
    const before = feed(Messages.snapshot(1, []));
    const state = reduce(before, { type: 'server', message: Alerts.event(2, 'AlertIssued', alert) });
    expect(state.areaAlerts?.[alert.id]).toEqual(alert);
    expect(state.areaAlertsEpoch).toBe(before.areaAlertsEpoch + 1);
    expect(state.appliedSeq).toBe(2);
    // Without the alert in it too: the list is fetched again.
    const bare = reduce(state, { type: 'server', message: Alerts.event(3, 'AlertCancelled') });
    expect(bare.areaAlertsEpoch).toBe(state.areaAlertsEpoch + 1);
    expect(bare.areaAlerts).toBe(state.areaAlerts);
  });

  it('are not fetched again for a duplicate event or an event about incidents', () => {
    const state = feed(Messages.snapshot(1, []), Alerts.event(2, 'AlertUpdated'));
    expect(reduce(state, { type: 'server', message: Alerts.event(2, 'AlertUpdated') }).areaAlertsEpoch).toBe(
      state.areaAlertsEpoch,
    );
    const opened = reduce(state, { type: 'server', message: Messages.event(3, 'IncidentOpened', Incidents.open()) });
    expect(opened.areaAlertsEpoch).toBe(state.areaAlertsEpoch);
  });

  it('are fetched again after every snapshot (alert events may have been missed)', () => {
    const state = feed(Messages.snapshot(1, []));
    expect(reduce(state, { type: 'server', message: Messages.snapshot(9, []) }).areaAlertsEpoch).toBe(
      state.areaAlertsEpoch + 1,
    );
  });

  it('never go back to an older revision, whether from an event, an answer or a list', () => {
    const issued = Alerts.around();
    const cancelled = Alerts.cancelled(issued);
    let state = apply(initialState, { type: 'alertChanged', alert: cancelled });
    state = reduce(state, { type: 'server', message: Alerts.event(5, 'AlertIssued', issued) });
    expect(state.areaAlerts?.[issued.id]?.state).toBe('CANCELLED');
    // A list fetched before the cancellation keeps the cancelled revision, and drops what it no longer lists.
    const gone = Alerts.around();
    state = apply(state, { type: 'alertChanged', alert: gone }, { type: 'alertsLoaded', alerts: [issued] });
    expect(state.areaAlerts).toEqual({ [issued.id]: cancelled });
  });
});

describe('fire alarms', () => {
  it('keep the alarm source and premises on the queued incident, also from a loaded detail', () => {
    const a = Incidents.alarm();
    let state = feed(Messages.snapshot(1, [a]));
    expect(state.incidents[a.id].source).toBe('ALARM_DEVICE');
    expect(state.incidents[a.id].premises).toEqual({ id: 'prem-1', name: 'Tràng Tiền Plaza', zone: '015' });
    // The detail's premises is the whole card: the queue keeps its name, id and first zone only.
    state = apply(state, { type: 'select', id: a.id });
    const card = Premises.card({ zones: ['015', '016'] });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(Incidents.next(a, {}), { premises: card }) });
    expect(state.incidents[a.id].premises).toEqual({ id: 'prem-1', name: 'Tràng Tiền Plaza', zone: '015' });
    expect(state.incidents[a.id]).not.toHaveProperty('premises.contacts');
    expect(state.detail?.premises?.contacts).toEqual(card.contacts);
  });

  it('leave a citizen incident without source or premises', () => {
    const a = Incidents.open();
    const state = feed(Messages.snapshot(1, [a]));
    expect(state.incidents[a.id]).not.toHaveProperty('source');
    expect(state.incidents[a.id]).not.toHaveProperty('premises');
  });

  it.each(['AlarmSignalled', 'AlarmRestored'] as const)(
    '%s updates the incident like any incident event and reloads its open detail',
    (type) => {
      const a = Incidents.alarm({ status: 'DISPATCHED' });
      let state = apply(feed(Messages.snapshot(1, [a])), { type: 'select', id: a.id });
      state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(a, { premises: Premises.card() }) });
      const epoch = state.detailEpoch;
      state = reduce(state, { type: 'server', message: Messages.event(2, type, Incidents.next(a, {})) });
      expect(state.incidents[a.id].version).toBe(a.version + 1);
      // A restore does not close the incident: it stays in the queue.
      expect(state.incidents[a.id].status).toBe('DISPATCHED');
      expect(state.detailEpoch).toBe(epoch + 1);
      expect(state.appliedSeq).toBe(2);
    },
  );
});

describe('the device board in the console state', () => {
  it('is fetched at start and again after every snapshot', () => {
    expect(initialState.devices.loaded).toBe(false);
    const first = feed(Messages.snapshot(1, []));
    expect(first.devicesEpoch).toBe(initialState.devicesEpoch + 1);
    const again = reduce(first, { type: 'server', message: Messages.snapshot(9, []) });
    expect(again.devicesEpoch).toBe(first.devicesEpoch + 1);
    expect(reduce(again, { type: 'reloadDevices' }).devicesEpoch).toBe(again.devicesEpoch + 1);
  });

  it('takes the fetched list, then each DeviceStateChanged; a device back to NORMAL leaves', () => {
    const silent = Devices.entry('SILENT');
    let state = apply(feed(Messages.snapshot(1, [])), { type: 'devicesLoaded', devices: [silent], asOfSeq: 1 });
    expect(state.devices.loaded).toBe(true);
    expect(Object.keys(state.devices.entries)).toEqual([silent.premisesId]);

    const fault = Devices.entry('FAULT');
    state = reduce(state, { type: 'server', message: Devices.event(2, fault) });
    expect(state.devices.entries[fault.premisesId].fault?.code).toBe('373');
    expect(state.appliedSeq).toBe(2);
    state = reduce(state, { type: 'server', message: Devices.event(3, { ...silent, state: 'NORMAL' }) });
    expect(Object.keys(state.devices.entries)).toEqual([fault.premisesId]);
    // A duplicate is not applied again.
    const replay = reduce(state, { type: 'server', message: Devices.event(2, fault) });
    expect(replay).toBe(state);
  });

  it('does not let a list asked for before an event bring back a device that event repaired', () => {
    const device = Devices.entry('FAULT');
    let state = feed(Messages.snapshot(10, []), Devices.event(11, { ...device, state: 'NORMAL' }));
    state = apply(state, { type: 'devicesLoaded', devices: [device], asOfSeq: 10 });
    expect(state.devices.entries).toEqual({});
  });

  it('reloads the open detail when its premises\' device changes state, and only then', () => {
    const a = Incidents.alarm();
    let state = apply(feed(Messages.snapshot(1, [a])), { type: 'select', id: a.id });
    state = apply(state, { type: 'detailLoaded', detail: Incidents.detail(a, { premises: Premises.card() }) });
    const epoch = state.detailEpoch;
    state = reduce(state, { type: 'server', message: Devices.event(2, Devices.entry('FAULT')) });
    expect(state.detailEpoch).toBe(epoch);
    state = reduce(state, { type: 'server', message: Devices.event(3, Devices.entry('FAULT', { premisesId: 'prem-1' })) });
    expect(state.detailEpoch).toBe(epoch + 1);
  });

  it('is emptied at sign-out', () => {
    const state = apply(initialState, { type: 'devicesLoaded', devices: [Devices.entry()], asOfSeq: null }, { type: 'reset' });
    expect(state.devices.entries).toEqual({});
  });
});
