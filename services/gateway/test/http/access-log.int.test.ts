import { Writable } from 'node:stream';
import { createLogger } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect, type TestGateway } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { TEST_API as api } from '../support/test-service.ts';

describe('the access log', () => {
  const lines: string[] = [];
  const logger = createLogger(
    { service: 'gateway', level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  let gateway: TestGateway;

  test.beforeAll(async ({ startTestGateway }) => {
    gateway = await startTestGateway({ logger });
  });

  test('writes one line per request with the query, but never the value of a secret in it', async () => {
    const secrets = 'password=hunter2hunter2&access_token=tok-123&sio_token=sio-456&refreshToken=rt-789&code=654321';
    const res = await fetch(`${gateway.url}${api}/things?q=cats&${secrets}`);
    expect(res.status).toBe(200);
    const line = await eventually(() => lines.find((l) => l.includes('request completed') && l.includes('q=cats')));
    for (const secret of ['hunter2hunter2', 'tok-123', 'sio-456', 'rt-789', '654321'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line).url).toBe(
      `${api}/things?q=cats&password=[redacted]&access_token=[redacted]&sio_token=[redacted]&refreshToken=[redacted]&code=[redacted]`,
    );
  });
});
