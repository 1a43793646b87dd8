// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DispatchApi } from './api/dispatch';
import { ApiError } from './api/http';
import type { AlertRequest, AreaAlert, IncidentDetail, Problem } from './api/types';
import { ALERTS_POLL_MS, alertFailure, BATCH_MS, COUNTS_POLL_MS, Controller } from './controller';
import { initialState, reduce } from './state/console';
import { createStore } from './state/store';
import { Alerts, Chat, Devices, Incidents, Messages } from './test/factories';

const never = () => new Promise<never>(() => {});

/** A controller over a fake API whose detail answers are set per test; the live feed never connects. */
function setup(detail: IncidentDetail) {
  let current = detail;
  const api = {
    liveTicket: vi.fn(never),
    config: vi.fn(never),
    stations: vi.fn(never),
    units: vi.fn(never),
    alerts: vi.fn(never),
    devices: vi.fn(never),
    // A new object at every answer, as parsed from the network.
    incident: vi.fn(async () => structuredClone(current)),
    sendMessage: vi.fn(async (id: string, text: string, reportId: string | null) =>
      Chat.fromDispatcher(id, 'dieuphoi1', text, reportId),
    ),
    markMessagesRead: vi.fn(async () => undefined),
  };
  const store = createStore(reduce, initialState);
  store.dispatch({ type: 'server', message: Messages.snapshot(1, [detail]) });
  const controller = new Controller(api as unknown as DispatchApi, store);
  controller.start();
  running.push(controller);
  return {
    api,
    store,
    controller,
    answer: (next: IncidentDetail) => (current = next),
    open: async () => {
      controller.select(detail.id);
      await flush();
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const running: Controller[] = [];
afterEach(() => running.splice(0).forEach((c) => c.stop()));

describe('sending a message', () => {
  it('sends the trimmed text to the chosen reporter, says so and shows the conversation again', async () => {
    const { api, store, controller, open } = setup(Incidents.detail(Incidents.open()));
    await open();
    const epoch = store.getState().detailEpoch;
    await expect(controller.sendMessage('  Đang tới\n', 'r2')).resolves.toBe(true);
    expect(api.sendMessage).toHaveBeenCalledWith(store.getState().selectedId, 'Đang tới', 'r2');
    expect(store.getState().message).toEqual({ kind: 'ok', key: 'result.messageSent' });
    expect(store.getState().detailEpoch).toBe(epoch + 1);
    expect(store.getState().busy).toBeNull();
  });

  it("shows the server's reason when it refuses", async () => {
    const { api, store, controller, open } = setup(Incidents.detail(Incidents.open()));
    await open();
    api.sendMessage.mockRejectedValueOnce(new ApiError(403, { status: 403, detail: 'Ngoài địa bàn của bạn.' }));
    await expect(controller.sendMessage('Đang tới', null)).resolves.toBe(false);
    expect(store.getState().message).toEqual({ kind: 'error', text: 'Ngoài địa bàn của bạn.' });
  });

  it('sends nothing empty', async () => {
    const { api, store, controller, open } = setup(Incidents.detail(Incidents.open()));
    await open();
    await expect(controller.sendMessage(' \n ', null)).resolves.toBe(false);
    expect(api.sendMessage).not.toHaveBeenCalled();
    expect(store.getState().message).toEqual({ kind: 'error', key: 'error.emptyMessage' });
  });
});

describe('marking messages read', () => {
  it('happens once when the open detail has unread messages, not for every store change', async () => {
    const incident = Incidents.open({ unreadMessages: 2 });
    const { api, store, open } = setup(Incidents.detail(incident));
    await open();
    expect(api.markMessagesRead).toHaveBeenCalledTimes(1);
    expect(api.markMessagesRead).toHaveBeenCalledWith(incident.id);
    store.dispatch({ type: 'server', message: Messages.heartbeat(5) });
    store.dispatch({ type: 'message', message: null });
    await flush();
    expect(api.markMessagesRead).toHaveBeenCalledTimes(1);
  });

  it('is not retried in a loop after a failure, only at the next load of the detail', async () => {
    const incident = Incidents.open({ unreadMessages: 1 });
    const { api, store, open } = setup(Incidents.detail(incident));
    api.markMessagesRead.mockRejectedValue(new ApiError(0, null, 'network'));
    await open();
    await flush();
    expect(api.markMessagesRead).toHaveBeenCalledTimes(1);
    expect(store.getState().message).toBeNull();
    // A reporter writes again: the event reloads the detail, which tries once more.
    store.dispatch({ type: 'server', message: Messages.event(2, 'MessageSent', { ...incident, unreadMessages: 2 }) });
    await flush();
    expect(api.markMessagesRead).toHaveBeenCalledTimes(2);
  });

  it('is not done when nothing is unread, and stops once MessagesRead brought the count to 0', async () => {
    const incident = Incidents.open({ unreadMessages: 1 });
    const { api, store, answer, open } = setup(Incidents.detail(incident));
    await open();
    expect(api.markMessagesRead).toHaveBeenCalledTimes(1);
    answer(Incidents.detail({ ...incident, unreadMessages: 0 }));
    store.dispatch({ type: 'server', message: Messages.event(2, 'MessagesRead', { ...incident, unreadMessages: 0 }) });
    await flush();
    expect(store.getState().detail?.unreadMessages).toBe(0);
    expect(store.getState().incidents[incident.id].unreadMessages).toBe(0);
    expect(api.markMessagesRead).toHaveBeenCalledTimes(1);
  });
});

/** A controller whose live feed never connects; messages are handed to it as the feed would. */
function flooded() {
  const api = {
    liveTicket: vi.fn(never),
    config: vi.fn(never),
    stations: vi.fn(never),
    units: vi.fn(never),
    alerts: vi.fn(never),
    devices: vi.fn(never),
    incident: vi.fn(never),
    counts: vi.fn(async () => ({ open: 61_000, new: 59_100 })),
    changeProvince: vi.fn(async (id: string, version: number, province: string) =>
      Incidents.detail({ ...Incidents.open({ id, province }), version: version + 1 }),
    ),
  };
  const store = createStore(reduce, initialState);
  const controller = new Controller(api as unknown as DispatchApi, store);
  controller.start();
  running.push(controller);
  return { api, store, controller };
}

describe('a flood of incidents', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-11-23T10:00:00Z'));
  });
  afterEach(() => {
    running.splice(0).forEach((c) => c.stop());
    vi.useRealTimers();
  });

  const truncated = (seq: number) =>
    Messages.snapshot(seq, [Incidents.open()], { counts: { open: 60_000, new: 59_000 } });

  it('applies the messages of a burst together, the first at once', async () => {
    const { store, controller } = flooded();
    const dispatch = vi.spyOn(store, 'dispatch');
    controller.receive(Messages.snapshot(1, []));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().hasSnapshot).toBe(true);
    for (let seq = 2; seq < 52; seq++) controller.receive(Messages.event(seq, 'IncidentOpened', Incidents.open()));
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(Object.keys(store.getState().incidents)).toHaveLength(50);
    const server = dispatch.mock.calls.filter(([a]) => a.type === 'server' || a.type === 'serverBatch');
    expect(server).toHaveLength(2);
  });

  it('polls the true counts every 15 s while the last snapshot was truncated, and then stops', async () => {
    const { api, store, controller } = flooded();
    controller.receive(truncated(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().counts).toEqual({ open: 60_000, new: 59_000 });
    await vi.advanceTimersByTimeAsync(COUNTS_POLL_MS - 1);
    expect(api.counts).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.counts).toHaveBeenCalledOnce();
    expect(store.getState().counts).toEqual({ open: 61_000, new: 59_100 });
    await vi.advanceTimersByTimeAsync(COUNTS_POLL_MS);
    expect(api.counts).toHaveBeenCalledTimes(2);
    // A complete snapshot: the queue holds every incident again, nothing to poll.
    controller.receive(Messages.snapshot(9, [Incidents.open()]));
    await vi.advanceTimersByTimeAsync(5 * COUNTS_POLL_MS);
    expect(api.counts).toHaveBeenCalledTimes(2);
    expect(store.getState().truncated).toBe(false);
  });

  it('also polls after a heartbeat, but never more often than every 15 s', async () => {
    const { api, controller } = flooded();
    controller.receive(truncated(1));
    await vi.advanceTimersByTimeAsync(5_000);
    controller.receive(Messages.heartbeat(2)); // 5 s after the snapshot's counts: too soon
    await vi.advanceTimersByTimeAsync(0);
    expect(api.counts).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000); // the 15 s timer
    expect(api.counts).toHaveBeenCalledOnce();
    // A background tab's timers run late: the clock passes 15 s, the timer has not fired yet,
    // and a heartbeat arrives. It polls at once, and the late timer does not poll again.
    vi.setSystemTime(Date.now() + COUNTS_POLL_MS);
    controller.receive(Messages.heartbeat(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(api.counts).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(COUNTS_POLL_MS - 1);
    expect(api.counts).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.counts).toHaveBeenCalledTimes(3);
  });

  it('keeps the numbers shown and tries again when a poll fails', async () => {
    const { api, store, controller } = flooded();
    api.counts.mockRejectedValueOnce(new ApiError(0, null, 'network'));
    controller.receive(truncated(1));
    await vi.advanceTimersByTimeAsync(COUNTS_POLL_MS);
    expect(api.counts).toHaveBeenCalledOnce();
    expect(store.getState().counts).toEqual({ open: 60_000, new: 59_000 });
    await vi.advanceTimersByTimeAsync(COUNTS_POLL_MS);
    expect(api.counts).toHaveBeenCalledTimes(2);
    expect(store.getState().counts).toEqual({ open: 61_000, new: 59_100 });
  });
});

describe('moving an incident to another province', () => {
  it('sends the version and the province, and says so', async () => {
    const { api, store, controller } = flooded();
    const a = Incidents.open({ province: 'Hà Nội', version: 4 });
    store.dispatch({ type: 'server', message: Messages.snapshot(1, [a]) });
    controller.select(a.id);
    store.dispatch({ type: 'detailLoaded', detail: Incidents.detail(a) });
    await expect(controller.changeProvince('Bắc Ninh')).resolves.toBe(true);
    expect(api.changeProvince).toHaveBeenCalledWith(a.id, 4, 'Bắc Ninh');
    expect(store.getState().detail?.province).toBe('Bắc Ninh');
    expect(store.getState().message).toMatchObject({ kind: 'ok', key: 'result.provinceChanged' });
  });

  it('shows a refusal (not a supervisor) in Vietnamese with the server\'s words under it', async () => {
    const { api, store, controller } = flooded();
    const a = Incidents.open();
    store.dispatch({ type: 'server', message: Messages.snapshot(1, [a]) });
    controller.select(a.id);
    store.dispatch({ type: 'detailLoaded', detail: Incidents.detail(a) });
    api.changeProvince.mockRejectedValueOnce(
      new ApiError(403, { type: 'https://baochay.vn/problems/forbidden', status: 403, detail: 'Your role does not allow this' }),
    );
    await expect(controller.changeProvince('Huế')).resolves.toBe(false);
    expect(store.getState().message).toEqual({
      kind: 'error',
      key: 'problem.forbidden',
      detail: 'Your role does not allow this',
    });
  });
});

/** A controller over a fake alerts API; `listed` is what GET alerts answers (an issued alert joins it). */
function alerting(initial: AreaAlert[] = []) {
  let listed = initial;
  const api = {
    liveTicket: vi.fn(never),
    config: vi.fn(never),
    stations: vi.fn(never),
    units: vi.fn(never),
    incident: vi.fn(never),
    alerts: vi.fn(async () => ({ alerts: structuredClone(listed) })),
    devices: vi.fn(never),
    issueAlert: vi.fn(async (request: AlertRequest) => {
      const alert = Alerts.around({ headline: request.headline });
      listed = [...listed, alert];
      return alert;
    }),
    updateAlert: vi.fn(async (id: string, revision: number, request: AlertRequest) =>
      Alerts.next(Alerts.around({ id, revision }), { headline: request.headline }),
    ),
    cancelAlert: vi.fn(async (id: string, revision: number) => Alerts.cancelled(Alerts.around({ id, revision }))),
  };
  const store = createStore(reduce, initialState);
  const controller = new Controller(api as unknown as DispatchApi, store);
  controller.start();
  running.push(controller);
  return { api, store, controller, list: (alerts: AreaAlert[]) => (listed = alerts) };
}

const request: AlertRequest = {
  event: 'FIRE',
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  headline: { vi: 'Cháy chợ Mường Thanh', en: 'Fire at Mường Thanh market' },
  instruction: { vi: 'Rời khỏi chợ ngay.', en: 'Leave the market now.' },
  area: { circle: { center: { lat: 21.3856, lon: 103.0169 }, radiusM: 500 } },
  expiresAt: '2026-11-23T12:00:00Z',
};

const problem = (status: number, slug: string, extra: Partial<Problem> = {}) =>
  new ApiError(status, { type: `https://baochay.vn/problems/${slug}`, status, ...extra });

describe('area alerts', () => {
  it('are fetched at start, after an alert event, after a resync, and every 30 s', async () => {
    vi.useFakeTimers();
    try {
      const known = Alerts.around();
      const { api, store, controller, list } = alerting([known]);
      await vi.advanceTimersByTimeAsync(0);
      expect(api.alerts).toHaveBeenCalledTimes(1);
      expect(Object.keys(store.getState().areaAlerts ?? {})).toEqual([known.id]);

      controller.receive(Messages.snapshot(1, []));
      await vi.advanceTimersByTimeAsync(0);
      expect(api.alerts).toHaveBeenCalledTimes(2);

      const issued = Alerts.around();
      list([known, issued]);
      controller.receive(Alerts.event(2, 'AlertIssued'));
      await vi.advanceTimersByTimeAsync(BATCH_MS);
      expect(api.alerts).toHaveBeenCalledTimes(3);
      expect(Object.keys(store.getState().areaAlerts ?? {}).sort()).toEqual([known.id, issued.id].sort());

      // An event that is not about alerts fetches nothing.
      controller.receive(Messages.event(3, 'IncidentOpened', Incidents.open()));
      await vi.advanceTimersByTimeAsync(BATCH_MS);
      expect(api.alerts).toHaveBeenCalledTimes(3);

      await vi.advanceTimersByTimeAsync(ALERTS_POLL_MS);
      expect(api.alerts).toHaveBeenCalledTimes(4);
      controller.stop();
      await vi.advanceTimersByTimeAsync(ALERTS_POLL_MS * 2);
      expect(api.alerts).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('take only the answer to the latest request, whatever order the answers come in', async () => {
    const { api, store } = alerting();
    await flush();
    const old = Alerts.around();
    const fresh = Alerts.around();
    let answerOld: (value: { alerts: AreaAlert[] }) => void = () => {};
    api.alerts.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    store.dispatch({ type: 'reloadAlerts' });
    api.alerts.mockResolvedValueOnce({ alerts: [fresh] });
    store.dispatch({ type: 'reloadAlerts' });
    await flush();
    answerOld({ alerts: [old] });
    await flush();
    expect(Object.keys(store.getState().areaAlerts ?? {})).toEqual([fresh.id]);
  });

  it('issues an alert: the answer shows in the list at once, the list is fetched again, and it is said', async () => {
    const { api, store, controller } = alerting();
    await flush();
    const calls = api.alerts.mock.calls.length;
    const outcome = await controller.issueAlert(request);
    expect(api.issueAlert).toHaveBeenCalledWith(request);
    expect(outcome.ok).toBe(true);
    const alert = (outcome as { alert: AreaAlert }).alert;
    expect(store.getState().areaAlerts?.[alert.id]?.headline.vi).toBe('Cháy chợ Mường Thanh');
    expect(store.getState().message).toEqual({ kind: 'ok', key: 'result.alertIssued' });
    expect(store.getState().busy).toBeNull();
    expect(api.alerts.mock.calls.length).toBe(calls + 1);
  });

  it('says an area outside the dispatcher\'s provinces in the form, not in the message area', async () => {
    const { api, store, controller } = alerting();
    api.issueAlert.mockRejectedValueOnce(
      problem(403, 'out-of-jurisdiction', { detail: 'The area touches Bắc Ninh, outside your provinces' }),
    );
    const outcome = await controller.issueAlert(request);
    expect(outcome).toEqual({
      ok: false,
      error: {
        kind: 'error',
        key: 'alertProblem.out-of-jurisdiction',
        detail: 'The area touches Bắc Ninh, outside your provinces',
      },
      fields: {},
    });
    expect(store.getState().message).toBeNull();
    expect(store.getState().busy).toBeNull();
  });

  it('updates with the revision being replaced, and fetches the list again after a conflict', async () => {
    const { api, controller } = alerting();
    await flush();
    const alert = Alerts.around({ revision: 3 });
    const updated = await controller.updateAlert(alert, request);
    expect(api.updateAlert).toHaveBeenCalledWith(alert.id, 3, request);
    expect(updated.ok && updated.alert.revision).toBe(4);

    const calls = api.alerts.mock.calls.length;
    api.updateAlert.mockRejectedValueOnce(problem(409, 'stale-version'));
    const refused = await controller.updateAlert(alert, request);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error?.key).toBe('alertProblem.stale-version');
    expect(api.alerts.mock.calls.length).toBe(calls + 1);
  });

  it('cancels with the revision and the reason, and says a refusal in the message area', async () => {
    const { api, store, controller } = alerting();
    const alert = Alerts.around({ revision: 2 });
    const outcome = await controller.cancelAlert(alert, '  Đã dập tắt  ');
    expect(api.cancelAlert).toHaveBeenCalledWith(alert.id, 2, 'Đã dập tắt');
    expect(outcome.ok && outcome.alert.state).toBe('CANCELLED');
    expect(store.getState().message).toEqual({ kind: 'ok', key: 'result.alertCancelled' });

    await controller.cancelAlert(alert, '');
    expect(api.cancelAlert).toHaveBeenLastCalledWith(alert.id, 2, undefined);
    api.cancelAlert.mockRejectedValueOnce(problem(409, 'illegal-transition', { detail: 'Alert already cancelled' }));
    await controller.cancelAlert(alert, '');
    expect(store.getState().message).toEqual({
      kind: 'error',
      key: 'alertProblem.illegal-transition',
      detail: 'Alert already cancelled',
    });
  });
});

describe('a refused alert in the form', () => {
  it('puts the server\'s field errors under their fields, and what no field shows under the sentence', () => {
    const failure = alertFailure(
      problem(400, 'invalid-request', {
        detail: 'headline.en size must be between 1 and 160; area.circle.radiusM must be at most 50000; x y',
        errors: [
          { field: 'headline.en', message: 'size must be between 1 and 160' },
          { field: 'area.circle.radiusM', message: 'must be less than or equal to 50000' },
          { field: 'somethingElse', message: 'is odd' },
        ],
      }),
    );
    expect(failure.fields).toEqual({
      'headline.en': 'size must be between 1 and 160',
      area: 'must be less than or equal to 50000',
    });
    expect(failure.error).toEqual({
      kind: 'error',
      key: 'alertProblem.invalid-request',
      detail: 'somethingElse is odd',
    });
  });

  it('says other refusals as any action\'s, and a lost connection as such', () => {
    expect(alertFailure(problem(403, 'forbidden', { detail: 'no' })).error).toEqual({
      kind: 'error',
      key: 'problem.forbidden',
      detail: 'no',
    });
    expect(alertFailure(new ApiError(0, null, 'network')).error).toEqual({ kind: 'error', key: 'error.network' });
    expect(alertFailure(problem(400, 'invalid-location', { detail: 'Outside Vietnam' })).error).toEqual({
      kind: 'error',
      key: 'alertProblem.invalid-location',
      detail: 'Outside Vietnam',
    });
  });
});

/** A controller over a fake device board API; `listed` is what GET devices answers. */
function watchingDevices(initial = [Devices.entry('FAULT')], { failFirst = false } = {}) {
  let listed = initial;
  let failures = failFirst ? 1 : 0;
  const api = {
    liveTicket: vi.fn(never),
    config: vi.fn(never),
    stations: vi.fn(never),
    units: vi.fn(never),
    incident: vi.fn(never),
    alerts: vi.fn(never),
    devices: vi.fn(async () => {
      if (failures-- > 0) throw new ApiError(0, null, 'network');
      return { devices: structuredClone(listed) };
    }),
  };
  const store = createStore(reduce, initialState);
  const controller = new Controller(api as unknown as DispatchApi, store);
  controller.start();
  running.push(controller);
  return { api, store, controller, list: (devices: typeof initial) => (listed = devices) };
}

describe('the device board', () => {
  it('is fetched at start and after a resync, not after other events, and follows live changes', async () => {
    vi.useFakeTimers();
    try {
      const faulty = Devices.entry('FAULT');
      const { api, store, controller, list } = watchingDevices([faulty]);
      await vi.advanceTimersByTimeAsync(0);
      expect(api.devices).toHaveBeenCalledTimes(1);
      expect(Object.keys(store.getState().devices.entries)).toEqual([faulty.premisesId]);

      const silent = Devices.entry('SILENT');
      list([faulty, silent]);
      controller.receive(Messages.snapshot(1, []));
      await vi.advanceTimersByTimeAsync(0);
      expect(api.devices).toHaveBeenCalledTimes(2);
      expect(Object.keys(store.getState().devices.entries).sort()).toEqual([faulty.premisesId, silent.premisesId].sort());

      controller.receive(Devices.event(2, { ...faulty, state: 'NORMAL' }));
      controller.receive(Messages.event(3, 'IncidentOpened', Incidents.open()));
      await vi.advanceTimersByTimeAsync(BATCH_MS);
      expect(api.devices).toHaveBeenCalledTimes(2);
      expect(Object.keys(store.getState().devices.entries)).toEqual([silent.premisesId]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is asked for again shortly when the fetch fails', async () => {
    vi.useFakeTimers();
    try {
      const { api, store } = watchingDevices(undefined, { failFirst: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(store.getState().devices.loaded).toBe(false);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(api.devices).toHaveBeenCalledTimes(2);
      expect(store.getState().devices.loaded).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes only the answer to the latest request', async () => {
    const { api, store } = watchingDevices([]);
    await flush();
    const old = Devices.entry('FAULT');
    let answerOld: (value: { devices: ReturnType<typeof Devices.entry>[] }) => void = () => {};
    api.devices.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    store.dispatch({ type: 'reloadDevices' });
    store.dispatch({ type: 'reloadDevices' });
    await flush();
    answerOld({ devices: [old] });
    await flush();
    expect(store.getState().devices.entries).toEqual({});
  });
});
