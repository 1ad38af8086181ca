import { fileURLToPath } from 'node:url';
import { connectNats, createLogger, type NatsConnection, type ServiceHost } from '@seed/runtime';
import { testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/http.ts';
import { type NodeProcess, spawnNode } from '../support/processes.ts';
import { startTestService, testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwstop');
const contracts = testContracts(prefix);
const gatewayMain = fileURLToPath(new URL('../support/gateway-main.ts', import.meta.url));

describe('gateway SIGTERM', () => {
  let nc: NatsConnection;
  let service: ServiceHost;
  let gateway: NodeProcess;
  let baseUrl: string;
  const started = new Set<string | undefined>();
  let onStart: (() => void) | undefined;

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    service = await startTestService(nc, contracts, prefix, {
      logger,
      onSlowStart: (tag) => {
        started.add(tag);
        onStart?.();
      },
    });
    gateway = spawnNode(gatewayMain, {
      TEST_PREFIX: prefix,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '1000000',
      DRAIN_DELAY_MS: '1500',
    });
    const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening');
    baseUrl = `http://127.0.0.1:${listening.port}`;
  });
  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    await service?.stop();
    await nc?.drain();
  });

  it('reports draining, finishes the request in flight, then exits cleanly', async () => {
    const reachedService = new Promise<void>((resolve) => {
      onStart = () => started.has('in-flight') && resolve();
    });
    const inFlight = fetch(`${baseUrl}/api/v1/${prefix}/slow?ms=3000&tag=in-flight`);
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
  let nc: NatsConnection;
  let service: ServiceHost;
  let gateway: NodeProcess;
  let baseUrl: string;
  const loadPrefix = uniqueName('gwstopload');
  const loadContracts = testContracts(loadPrefix);

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    service = await startTestService(nc, loadContracts, loadPrefix, { logger });
    gateway = spawnNode(gatewayMain, {
      TEST_PREFIX: loadPrefix,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMIT_MAX: '1000000',
    });
    const listening = await gateway.waitForLog((l) => l.msg === 'gateway listening');
    baseUrl = `http://127.0.0.1:${listening.port}`;
  });
  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    await service?.stop();
    await nc?.drain();
  });

  it('answers every request it accepted: the rest are refused connections, never resets', async () => {
    const outcomes = { answered: 0, refused: 0, broken: [] as string[] };
    let running = true;
    const client = async () => {
      while (running) {
        try {
          const res = await fetch(`${baseUrl}/api/v1/${loadPrefix}/slow?ms=20`);
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
