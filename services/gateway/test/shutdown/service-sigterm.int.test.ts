import { fileURLToPath } from 'node:url';
import { connectNats, createLogger, createRedis, type NatsConnection, type Redis } from '@seed/runtime';
import { testRedisPrefix, testServers, uniqueName } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { json } from '../support/http.ts';
import { type NodeProcess, spawnNode } from '../support/processes.ts';
import { testContracts } from '../support/test-service.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const prefix = uniqueName('gwsvcstop');
const contracts = testContracts(prefix);
const serviceMain = fileURLToPath(new URL('../support/test-service-main.ts', import.meta.url));

describe('a service replica stopping under load', () => {
  let nc: NatsConnection;
  let redis: Redis;
  let gateway: TestGateway;
  let replicas: NodeProcess[] = [];

  beforeAll(async () => {
    nc = await connectNats({ url: testServers().natsUrl, name: 'test', logger });
    redis = createRedis({ url: testServers().redisUrl, name: 'test', logger, keyPrefix: testRedisPrefix() });
    replicas = [0, 1].map(() => spawnNode(serviceMain, { TEST_PREFIX: prefix, LOG_LEVEL: 'info' }));
    await Promise.all(replicas.map((r) => r.waitForLog((l) => l.msg === 'test service ready')));
    gateway = await startTestGateway({ nc, redis, contracts, env: { RATE_LIMIT_MAX: '1000000' } });
  });
  afterAll(async () => {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await gateway?.stop();
    await nc?.drain();
    await redis?.quit();
  });

  it('fails no request while one of two replicas gets SIGTERM', async () => {
    const [leaving, staying] = replicas as [NodeProcess, NodeProcess];
    const failures: string[] = [];
    const servedBy: number[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          const res = await fetch(`${gateway.baseUrl}/api/v1/${prefix}/slow?ms=20`);
          const body = await json(res);
          if (res.status === 200) servedBy.push(body.data.pid);
          else failures.push(`${res.status} ${JSON.stringify(body)}`);
        } catch (err) {
          failures.push(String(err));
        }
      }
    };
    const served = (n: number) =>
      new Promise<void>((resolve) => {
        const target = servedBy.length + n;
        const timer = setInterval(() => {
          if (servedBy.length >= target || failures.length > 0) {
            clearInterval(timer);
            resolve();
          }
        }, 10);
      });

    const workers = Array.from({ length: 8 }, worker);
    await served(50);
    expect(new Set(servedBy)).toEqual(new Set([leaving.child.pid, staying.child.pid]));
    leaving.child.kill('SIGTERM');
    const code = await leaving.exited;
    const servedBefore = servedBy.length;
    await served(50);
    running = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(code).toBe(0);
    expect(new Set(servedBy.slice(servedBefore))).toEqual(new Set([staying.child.pid]));
  });
});
