import { describe, eventually, expect, newId, received, type TestSocket } from '@seed/testkit';
import { type Cluster, test } from './support/fixtures.ts';

interface AckBody {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string; details?: unknown };
}

const call = (socket: TestSocket, event: string, payload?: unknown): Promise<AckBody> =>
  payload === undefined
    ? socket.timeout(10_000).emitWithAck(event)
    : socket.timeout(10_000).emitWithAck(event, payload);

describe('socket handshake and events', () => {
  let cluster: Cluster;
  test.beforeAll(({ cluster: started }) => {
    cluster = started;
  });

  describe('handshake', () => {
    test('refuses a socket without a token', async () => {
      const err = await cluster.connect(cluster.a.url).catch((e) => e);
      expect(err.message).toBe('unauthenticated');
      expect(err.data).toMatchObject({ code: 'unauthenticated' });
    });

    test('refuses a forged token', async () => {
      const token = await cluster.auth.sign(newId());
      const forged = `${token.slice(0, -4)}AAAA`;
      const err = await cluster.connect(cluster.a.url, { token: forged }).catch((e) => e);
      expect(err.message).toBe('unauthenticated');
      expect(err.data.code).toBe('unauthenticated');
    });

    test('tells an expired token apart so the client refreshes it', async () => {
      const token = await cluster.auth.sign(newId(), { expiresInSec: -60 });
      const err = await cluster.connect(cluster.b.url, { token }).catch((e) => e);
      expect(err.message).toBe('token_expired');
      expect(err.data.code).toBe('token_expired');
    });

    test('accepts the token in an Authorization header as well', async () => {
      const userId = newId();
      const token = await cluster.auth.sign(userId);
      const socket = await cluster.connect(cluster.a.url, { headers: { authorization: `Bearer ${token}` } });
      expect(await call(socket, 'test:echo:send', { text: 'hi' })).toEqual({ ok: true, data: { text: 'hi', userId } });
    });
  });

  describe('events from contracts', () => {
    let userId: string;
    let socket: TestSocket;
    test.beforeAll(async () => {
      userId = newId();
      socket = await cluster.connect(cluster.a.url, { token: await cluster.auth.sign(userId) });
    });

    test('forwards an event to its service as the caller and acknowledges the reply', async () => {
      expect(await call(socket, 'test:echo:send', { text: 'hello' })).toEqual({
        ok: true,
        data: { text: 'hello', userId },
      });
    });

    test('acknowledges the service’s own error with its code', async () => {
      expect(await call(socket, 'test:echo:send', { text: 'forbidden' })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'not for you' },
      });
    });

    test('answers an invalid payload with validation_failed and keeps the socket usable', async () => {
      const bad = await call(socket, 'test:echo:send', { text: '' });
      expect(bad.ok).toBe(false);
      expect(bad.error?.code).toBe('validation_failed');
      expect(bad.error?.details).toEqual([expect.objectContaining({ path: 'text' })]);
      expect((await call(socket, 'test:echo:send', 'not an object')).error?.code).toBe('validation_failed');
      expect((await call(socket, 'test:echo:send')).error?.code).toBe('validation_failed');
      expect(socket.connected).toBe(true);
      expect(await call(socket, 'test:echo:send', { text: 'still here' })).toMatchObject({ ok: true });
    });

    test('answers an unknown event with unknown_event', async () => {
      expect(await call(socket, 'test:nothing:here', {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_event' },
      });
    });

    test('reports failures of events sent without an acknowledgement as an error event', async () => {
      const errors = received<{ code: string; event?: string }>(socket, 'error');
      socket.emit('test:echo:send', { text: '' });
      socket.emit('test:nothing:here');
      socket.emit('error', { text: 'a client may emit this name too' });
      await eventually(() => expect(errors).toHaveLength(3));
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'validation_failed', event: 'test:echo:send' }),
          expect.objectContaining({ code: 'unknown_event', event: 'test:nothing:here' }),
          expect.objectContaining({ code: 'unknown_event', event: 'error' }),
        ]),
      );
      expect(await call(socket, 'test:echo:send', { text: 'fine' })).toMatchObject({ ok: true });
    });
  });

  test('rate limits a socket that sends too many events, without closing it', async () => {
    const limited = await cluster.addReplica('limited', { eventRateLimit: { burst: 3, perSecond: 0.01 } });
    const socket = await cluster.connect(limited.url, { token: await cluster.auth.sign(newId()) });
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => call(socket, 'test:echo:send', { text: `${n}` })));
    expect(replies.filter((r) => r.ok)).toHaveLength(3);
    expect(replies.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'rate_limited' }) }),
      expect.objectContaining({ error: expect.objectContaining({ code: 'rate_limited' }) }),
    ]);
    expect(socket.connected).toBe(true);
  });

  test('refuses events once the handshake token has expired', async () => {
    const socket = await cluster.connect(cluster.b.url, {
      token: await cluster.auth.sign(newId(), { expiresInSec: 1 }),
    });
    await eventually(async () => {
      expect((await call(socket, 'test:echo:send', { text: 'late' })).error?.code).toBe('token_expired');
    });
  });
});
