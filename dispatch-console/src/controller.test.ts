// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DispatchApi } from './api/dispatch';
import { ApiError } from './api/http';
import type { IncidentDetail } from './api/types';
import { Controller } from './controller';
import { initialState, reduce } from './state/console';
import { createStore } from './state/store';
import { Chat, Incidents, Messages } from './test/factories';

const never = () => new Promise<never>(() => {});

/** A controller over a fake API whose detail answers are set per test; the live feed never connects. */
function setup(detail: IncidentDetail) {
  let current = detail;
  const api = {
    liveTicket: vi.fn(never),
    config: vi.fn(never),
    stations: vi.fn(never),
    units: vi.fn(never),
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
