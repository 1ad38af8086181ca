import { freePort, testServers } from '@seed/runtime/testing';
import { runServiceMain } from '@seed/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSilentServer } from './support/silent-server.ts';

// Each run must end by itself well before the test gives up on it and kills it.
const BOUND_MS = 1_500;
const base = { STARTUP_TIMEOUT_MS: String(BOUND_MS), LOG_LEVEL: 'info', AUTH_KEYS_SECRET: 'x'.repeat(32) };

/** The one fatal line a failed start-up ends with. */
const fatalLine = (lines: string[]) => {
  const fatal = lines.flatMap((l) => {
    try {
      const entry = JSON.parse(l) as { level: number; msg: string; server?: string; reason?: string };
      return entry.level === 60 ? [entry] : [];
    } catch {
      return [];
    }
  });
  expect(fatal).toHaveLength(1);
  return fatal[0]!;
};

describe('start-up with a server out of reach', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let refused: number;
  beforeAll(async () => {
    silent = await startSilentServer();
    // A loopback port nothing listens on.
    refused = await freePort();
  });
  afterAll(() => silent?.close());

  it('exits non-zero naming NATS and the refusal when nothing listens at NATS_URL', async () => {
    const run = await runServiceMain('playco', { ...base, NATS_URL: `nats://127.0.0.1:${refused}` }, 20_000);
    expect(run.code).toBe(1);
    const fatal = fatalLine(run.lines);
    expect(fatal.msg).toMatch(new RegExp(`^cannot reach NATS at nats://127.0.0.1:${refused}: .*ECONNREFUSED`));
    expect(fatal.server).toBe('NATS');
  });

  it('exits non-zero naming NATS when a server accepts connections and never answers', async () => {
    const run = await runServiceMain('gateway', { ...base, NATS_URL: `nats://127.0.0.1:${silent.port}` }, 20_000);
    expect(run.code).toBe(1);
    expect(fatalLine(run.lines).msg).toMatch(
      new RegExp(`^cannot reach NATS at nats://127.0.0.1:${silent.port}: timeout`),
    );
  });

  it('exits non-zero naming PostgreSQL, with its password redacted, when the database refuses connections', async () => {
    const url = `postgres://seed:hunter2secret@127.0.0.1:${refused}/seed`;
    const run = await runServiceMain('playco', { ...base, DATABASE_URL: url, NATS_URL: testServers().natsUrl }, 20_000);
    expect(run.code).toBe(1);
    const fatal = fatalLine(run.lines);
    expect(fatal.server).toBe('PostgreSQL');
    expect(fatal.msg).toMatch(
      /^cannot reach PostgreSQL at postgres:\/\/seed:redacted@127\.0\.0\.1:\d+\/seed: .*ECONNREFUSED/,
    );
    expect(run.lines.join('\n')).not.toContain('hunter2secret');
  });

  it('exits non-zero naming Redis when it cannot be reached', async () => {
    const url = `redis://:hunter2secret@127.0.0.1:${refused}`;
    for (const service of ['playco', 'gateway', 'worker'] as const) {
      const run = await runServiceMain(service, { ...base, REDIS_URL: url, NATS_URL: testServers().natsUrl }, 20_000);
      expect(run.code, service).toBe(1);
      const fatal = fatalLine(run.lines);
      expect(fatal.server, service).toBe('Redis');
      expect(fatal.msg, service).toMatch(/^cannot reach Redis at redis:\/\/:redacted@127\.0\.0\.1:\d+: .*ECONNREFUSED/);
      expect(run.lines.join('\n')).not.toContain('hunter2secret');
    }
  });

  it('refuses a NATS_URL of another scheme as a configuration error naming the variable', async () => {
    const run = await runServiceMain('chat', { ...base, NATS_URL: 'nope' }, 20_000);
    expect(run.code).toBe(1);
    expect(run.lines.join('\n')).toMatch(/NATS_URL: must be nats:\/\/ or tls:\/\//);
  });

  it('logs where it connects, with credentials redacted', async () => {
    const run = await runServiceMain(
      'gateway',
      { ...base, NATS_URL: `nats://127.0.0.1:${refused}`, REDIS_URL: 'redis://:hunter2secret@127.0.0.1:6379' },
      20_000,
    );
    const logged = run.lines.join('\n');
    expect(logged).toContain(`"nats":"nats://127.0.0.1:${refused}"`);
    expect(logged).toContain('"redis":"redis://:redacted@127.0.0.1:6379"');
    expect(logged).not.toContain('hunter2secret');
  });
});
