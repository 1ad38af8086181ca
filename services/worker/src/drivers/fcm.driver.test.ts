import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFcmPushDriver } from './fcm.driver.ts';
import type { AccessTokenSource } from './fcm-access-token.ts';
import { loadServiceAccount } from './fcm-credentials.ts';

/** Answers like FCM: 401 for a stale bearer, UNREGISTERED for a dead token, 503 for a busy one. */
function fcmLike(seen: { auth: string; body: unknown }[]): Server {
  return createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      const body = JSON.parse(text) as { message: { token: string } };
      seen.push({ auth: req.headers.authorization ?? '', body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== 'Bearer fresh') return reply(401, { error: { status: 'UNAUTHENTICATED' } });
      if (body.message.token === 'dead')
        return reply(404, { error: { status: 'NOT_FOUND', details: [{ errorCode: 'UNREGISTERED' }] } });
      if (body.message.token === 'busy') return reply(503, { error: { status: 'UNAVAILABLE' } });
      reply(200, { name: 'projects/p/messages/1' });
    });
  });
}

describe('FCM push driver', () => {
  const seen: { auth: string; body: unknown }[] = [];
  const server = fcmLike(seen);
  let baseUrl: string;
  let refreshes = 0;
  const tokens: AccessTokenSource = {
    async get(opts) {
      if (opts?.refresh) refreshes++;
      return refreshes > 0 ? 'fresh' : 'stale';
    },
  };
  const message = {
    collapseKey: 'room:1',
    notification: { title: 'ada', body: 'hi' },
    data: { a: '1' },
    ttlSeconds: 60,
  };
  const signal = new AbortController().signal;

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const driver = () => createFcmPushDriver({ baseUrl, projectId: 'p', tokens, timeoutMs: 5_000 });

  it('refreshes a rejected access token once and sends with the collapse key on every platform', async () => {
    await expect(driver().send(message, 'live', signal)).resolves.toBe('sent');
    expect(refreshes).toBe(1);
    expect(seen.map((s) => s.auth)).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(seen[1]?.body).toMatchObject({
      message: {
        token: 'live',
        notification: { title: 'ada', body: 'hi' },
        data: { a: '1' },
        android: { collapse_key: 'room:1', ttl: '60s' },
        apns: { headers: { 'apns-collapse-id': 'room_1' } },
        webpush: { headers: { Topic: 'room_1' } },
      },
    });
  });

  it('reports an unregistered token and fails on anything else, for the job to retry', async () => {
    await expect(driver().send(message, 'dead', signal)).resolves.toBe('unregistered');
    await expect(driver().send(message, 'busy', signal)).rejects.toThrow('503');
  });

  it('reads the service account inline or from a file and names what is wrong', () => {
    expect(() => loadServiceAccount('/no/such/file.json')).toThrow('FCM_CREDENTIALS');
    expect(() => loadServiceAccount('{"project_id": "p"}')).toThrow('FCM_CREDENTIALS');
    const account = loadServiceAccount(
      JSON.stringify({ project_id: 'p', client_email: 'a@b', private_key: '-----BEGIN PRIVATE KEY-----\nx' }),
    );
    expect(account.token_uri).toBe('https://oauth2.googleapis.com/token');
  });
});
