import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessFailedError, startNodeProcess } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-processes-'));
const entry = (name: string, code: string) => {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, code);
  return path;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench processes', () => {
  it('hands over the port a server reports once it is ready', async () => {
    const server = entry('ready', "process.send({ type: 'ready', port: 4321 }); setInterval(() => {}, 1000);");
    const { proc, ready } = await startNodeProcess({ name: 'ready', entry: server, env: {} });
    expect(ready.port).toBe(4321);
    await proc.stop();
    expect(alive(proc.pid)).toBe(false);
  });

  it('reports a server that dies before it is ready, with what it printed', async () => {
    const broken = entry('broken', "console.error('DATABASE_URL: invalid'); process.exit(1);");
    const err = await startNodeProcess({ name: 'broken', entry: broken, env: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ProcessFailedError);
    expect(err.message).toContain('broken exited (1) before it was ready');
    expect(err.output).toContain('DATABASE_URL: invalid');
  });

  it('kills a server that ignores SIGTERM once the grace time is over', async () => {
    const stubborn = entry(
      'stubborn',
      "process.on('SIGTERM', () => {}); process.send({ type: 'ready' }); setInterval(() => {}, 1000);",
    );
    const { proc } = await startNodeProcess({ name: 'stubborn', entry: stubborn, env: {} });
    await proc.stop(200);
    expect(await proc.exited).toBe('SIGKILL');
  });
});
