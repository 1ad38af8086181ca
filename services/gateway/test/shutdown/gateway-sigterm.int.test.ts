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

describe('gateway SIGTERM under steady keep-alive load', () => {
  let gateway: NodeProcess;
  let baseUrl: string;

  test.beforeAll(async ({ startTestGatewayProcess }) => {
    const replica = await startTestGatewayProcess({ registryModule, env: { RATE_LIMIT_MAX: '1000000' } });
    gateway = replica.process;
    baseUrl = replica.url;
  });

  test('answers every request it accepted: the rest are refused connections, never resets', async () => {
    const outcomes = { answered: 0, refused: 0, broken: [] as string[] };
    let running = true;
    const client = async () => {
      while (running) {
        try {
          const res = await fetch(`${baseUrl}${api}/slow?ms=20`);
          if (res.status !== 200) outcomes.broken.push(`status ${res.status}`);
          else outcomes.answered++;
          await res.arrayBuffer();
        } catch (err) {
          const cause = (err as { cause?: { code?: string; syscall?: string; message?: string } }).cause;
          // Refused, or reset while connecting (the listener closed with it in its backlog): the
          // request never left the client.
          const refused = cause?.code === 'ECONNREFUSED' || cause?.syscall === 'connect';
          if (!refused) outcomes.broken.push(`${cause?.code ?? ''} ${cause?.message ?? err}`);
          else {
            outcomes.refused++;
            return;
          }
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    while (outcomes.answered < 200) await new Promise((r) => setTimeout(r, 20));
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    running = false;
    await Promise.all(clients);
    expect(outcomes.broken).toEqual([]);
    expect(outcomes.answered).toBeGreaterThan(200);
  });
});
