import { describe, expect, it, vi } from 'vitest';
import { DispatchApi } from './dispatch';
import { ApiError, Http } from './http';

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
