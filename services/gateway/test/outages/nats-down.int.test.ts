import { eventually, type PrivateNats } from '@seed/runtime/testing';
import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

describe('the gateway while NATS is down', () => {
  let nats: PrivateNats;
  let gateway: TestGateway;

  test.beforeAll(({ nats: server, gateway: started }) => {
    nats = server;
    gateway = started;
  });

  // Only guards against a hang; the contract's own timeout is 5 s.
  const echo = (text: string) =>
    fetch(`${gateway.url}${api}/things/1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(15_000),
    });

  test('answers 503 service_unavailable at once instead of a 504 after the timeout, and serves again after', async () => {
    expect((await echo('before')).status).toBe(201);
    await nats.kill();
    const refused = await eventually(
      async () => {
        const res = await echo('during');
        return res.status === 503 ? json(res) : undefined;
      },
      { what: 'a 503', timeoutMs: 8_000 },
    );
    expect(refused.error.code).toBe('service_unavailable');
    await nats.restart();
    await eventually(async () => (await echo('after')).status === 201, { what: 'service again' });
  });
});
