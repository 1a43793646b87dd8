import { describe, expect, it, vi } from 'vitest';
import { DispatchApi } from './dispatch';
import { ApiError, Http } from './http';
import type { AlertRequest } from './types';

function api(answer: () => Promise<Response>) {
  const fetchImpl = vi.fn(answer);
  const http = new Http({ token: () => 'tok', onUnauthorized: vi.fn(), fetchImpl: fetchImpl as typeof fetch });
  return { dispatch: new DispatchApi(http), fetchImpl };
}

const call = (fetchImpl: ReturnType<typeof vi.fn>) => fetchImpl.mock.calls[0] as unknown as [string, RequestInit];

describe('conversation endpoints', () => {
  it('send a message to all reporters with reportId null, and answer the message', async () => {
    const message = { seq: 7, messageId: 'm1', incidentId: 'i 1', reportId: null, from: 'DISPATCHER' };
    const { dispatch, fetchImpl } = api(async () => Response.json(message, { status: 201 }));
    await expect(dispatch.sendMessage('i 1', 'Đang tới', null)).resolves.toEqual(message);
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/incidents/i%201/messages');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"text":"Đang tới","reportId":null}');
  });

  it('send a message to one reporter', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({}, { status: 201 }));
    await dispatch.sendMessage('i1', 'Tầng mấy?', 'r2');
    expect(JSON.parse(call(fetchImpl)[1].body as string)).toEqual({ text: 'Tầng mấy?', reportId: 'r2' });
  });

  it('mark the messages read with no body, taking the 204', async () => {
    const { dispatch, fetchImpl } = api(async () => new Response(null, { status: 204 }));
    await expect(dispatch.markMessagesRead('i1')).resolves.toBeUndefined();
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/incidents/i1/messages/read');
    expect(init.method).toBe('POST');
    expect(init.body).toBeUndefined();
  });

  it('turn a refusal into an ApiError with the problem', async () => {
    const { dispatch } = api(
      async () =>
        new Response(JSON.stringify({ status: 400, detail: 'Tin nhắn có ký tự không được phép.' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const error = await dispatch.sendMessage('i1', '\u202e', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem?.detail).toBe('Tin nhắn có ký tự không được phép.');
  });
});

describe('alert endpoints', () => {
  const request: AlertRequest = {
    event: 'FIRE',
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    headline: { vi: 'Cháy kho', en: 'Warehouse fire' },
    instruction: { vi: 'Đóng cửa sổ.', en: 'Close windows.' },
    area: { polygon: [{ lat: 21, lon: 105 }, { lat: 21, lon: 105.01 }, { lat: 21.01, lon: 105 }] },
    expiresAt: '2026-11-23T12:00:00.000Z',
    incidentId: 'inc-1',
  };

  it('list the alerts', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({ alerts: [] }));
    await expect(dispatch.alerts()).resolves.toEqual({ alerts: [] });
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/alerts');
    expect(init.method).toBe('GET');
  });

  it('issue one with POST and the whole body', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({ id: 'a1', revision: 1 }, { status: 201 }));
    await expect(dispatch.issueAlert(request)).resolves.toEqual({ id: 'a1', revision: 1 });
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/alerts');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual(request);
  });

  it('update one with PUT, the same body and the revision it replaces', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({ id: 'a 1', revision: 4 }));
    await dispatch.updateAlert('a 1', 3, request);
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/alerts/a%201');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(init.body as string)).toEqual({ ...request, revision: 3 });
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('cancel one with its revision, and the reason only when there is one', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({ id: 'a1', revision: 5, state: 'CANCELLED' }));
    await dispatch.cancelAlert('a1', 4, 'Đã dập tắt');
    await dispatch.cancelAlert('a1', 4);
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/alerts/a1/cancel');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ revision: 4, reason: 'Đã dập tắt' });
    const second = fetchImpl.mock.calls[1] as unknown as [string, RequestInit];
    expect(JSON.parse(second[1].body as string)).toEqual({ revision: 4 });
  });

  it('turn an out-of-jurisdiction refusal into an ApiError with its problem type', async () => {
    const { dispatch } = api(
      async () =>
        new Response(
          JSON.stringify({ type: 'https://baochay.vn/problems/out-of-jurisdiction', status: 403, detail: 'Bắc Ninh' }),
          { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    const error = (await dispatch.issueAlert(request).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(403);
    expect(error.problem?.type).toBe('https://baochay.vn/problems/out-of-jurisdiction');
  });
});

describe('device board endpoint', () => {
  it('lists the faulty and silent devices with the bearer token', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({ devices: [] }));
    await expect(dispatch.devices()).resolves.toEqual({ devices: [] });
    const [path, init] = call(fetchImpl);
    expect(path).toBe('/api/v1/dispatch/devices');
    expect(init.method).toBe('GET');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('asks for every registered device with state=ALL', async () => {
    const { dispatch, fetchImpl } = api(async () => Response.json({ devices: [] }));
    await dispatch.devices('ALL');
    expect(call(fetchImpl)[0]).toBe('/api/v1/dispatch/devices?state=ALL');
  });

  it('turns a refusal into an ApiError', async () => {
    const { dispatch } = api(
      async () =>
        new Response(JSON.stringify({ type: 'https://baochay.vn/problems/unauthenticated', status: 401 }), {
          status: 401,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const error = (await dispatch.devices().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
  });
});
