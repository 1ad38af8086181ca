import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('the cluster start command', () => {
  let cluster: ChildProcess | undefined;
  let output = '';
  // On a failure mid-test, stop the whole process group: killing the start command alone would
  // leave its services running and serving on the shared NATS.
  afterAll(async () => {
    if (!cluster?.pid || cluster.exitCode !== null) return;
    const exited = new Promise((resolve) => cluster?.once('exit', resolve));
    process.kill(-cluster.pid, 'SIGINT');
    if (!(await Promise.race([exited.then(() => true), sleep(25_000).then(() => false)])))
      process.kill(-cluster.pid, 'SIGKILL');
  }, 30_000);

  it('brings every service up behind the gateway and stops them all on Ctrl-C', async () => {
    // Below the ephemeral range (32768+), so no test's client socket holds one of these ports.
    const opsPortBase = 20_000 + Math.floor(Math.random() * 12_000);
    const gatewayPort = opsPortBase + 10;
    cluster = spawn(process.execPath, ['scripts/cluster.ts'], {
      cwd: root,
      env: { ...process.env, GATEWAY_PORT: String(gatewayPort), OPS_PORT_BASE: String(opsPortBase), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    cluster.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    cluster.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const up = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 90_000);
      cluster?.stdout?.on('data', () => {
        if (output.includes('Seed is up')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      cluster?.once('exit', () => resolve(false));
    });
    expect(up, output).toBe(true);
    expect(output).toContain(`http://localhost:${gatewayPort}`);

    const ready = await fetch(`http://127.0.0.1:${gatewayPort}/readyz`);
    expect(ready.status).toBe(200);
    // A loaded machine may time the first call out (504); the keys must come soon after.
    let jwks: { keys?: unknown[] } = {};
    for (let attempt = 0; attempt < 30 && !jwks.keys; attempt++) {
      if (attempt > 0) await sleep(1_000);
      jwks = (await (await fetch(`http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`)).json()) as typeof jwks;
    }
    expect(jwks.keys, JSON.stringify(jwks)).toBeDefined();
    expect(jwks.keys?.length).toBeGreaterThan(0);
    const workerOps = output.match(/worker\s+ready\s+\(ops (http:\/\/[\d.]+:\d+)/)?.[1];
    expect((await fetch(`${workerOps}/readyz`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => cluster?.once('exit', (code) => resolve(code)));
    cluster.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${gatewayPort}/healthz`)).rejects.toThrow();
  }, 150_000);
});
