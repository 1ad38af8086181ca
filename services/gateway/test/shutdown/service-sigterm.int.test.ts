import { fileURLToPath } from 'node:url';
import { describe, expect, type NodeProcess, spawnNode, type TestGateway, test } from '@seed/testkit';
import { json } from '../support/http.ts';
import { TEST_API as api, registry } from '../support/test-service.ts';

const serviceMain = fileURLToPath(new URL('../support/test-service-main.ts', import.meta.url));

test.override('gatewayOptions', { scope: 'file' }, { registry, env: { RATE_LIMIT_MAX: '1000000' } });

describe('a service replica stopping under load', () => {
  let gateway: TestGateway;
  let replicas: NodeProcess[] = [];

  test.beforeAll(async ({ natsUrl, gateway: started }) => {
    replicas = [0, 1].map(() => spawnNode(serviceMain, { NATS_URL: natsUrl, LOG_LEVEL: 'info' }));
    await Promise.all(replicas.map((r) => r.waitForLog((l) => l.msg === 'test service ready')));
    gateway = started;
  });
  test.afterAll(() => {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  });

  test('fails no request while one of two replicas gets SIGTERM', async () => {
    const [leaving, staying] = replicas as [NodeProcess, NodeProcess];
    const failures: string[] = [];
    const servedBy: number[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        try {
          const res = await fetch(`${gateway.url}${api}/slow?ms=20`);
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
