import { describe, expect, type NodeProcess } from '@seed/testkit';
import { test } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { TEST_API as api } from '../support/test-service.ts';

const registryModule = new URL('../support/test-service.ts', import.meta.url);

describe('gateway SIGTERM', () => {
  let gateway: NodeProcess;
  let baseUrl: string;
  const started = new Set<string | undefined>();
  let onStart: (() => void) | undefined;

  test.beforeAll(async ({ startTestGatewayProcess, slowStarted }) => {
    slowStarted.add((tag) => {
      started.add(tag);
      onStart?.();
    });
    const replica = await startTestGatewayProcess({
      registryModule,
      env: { RATE_LIMIT_MAX: '1000000', DRAIN_DELAY_MS: '1500' },
    });
    gateway = replica.process;
    baseUrl = replica.url;
  });

  test('reports draining, finishes the request in flight, then exits cleanly', async () => {
    const reachedService = new Promise<void>((resolve) => {
      onStart = () => started.has('in-flight') && resolve();
    });
    const inFlight = fetch(`${baseUrl}${api}/slow?ms=3000&tag=in-flight`);
    await reachedService;
    gateway.child.kill('SIGTERM');

    let readiness: number | undefined;
    while (readiness !== 503) {
      readiness = (await fetch(`${baseUrl}/readyz`, { headers: { connection: 'close' } })).status;
    }
    expect(readiness).toBe(503);

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect((await json(res)).data.tag).toBe('in-flight');
    expect(await gateway.exited).toBe(0);
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });
});
