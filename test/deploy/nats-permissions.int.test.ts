import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../packages/contracts/src/index.ts';
import { createLogger } from '../../packages/runtime/src/logger.ts';
import { connectNats, type NatsConnection } from '../../packages/runtime/src/nats/connection.ts';
import { contextHeaders, USER_ID_HEADER } from '../../packages/runtime/src/nats/headers.ts';
import { natsUsers, servicesOf } from '../../packages/runtime/src/security/nats-permissions.ts';
import { passwordVariable } from '../../packages/runtime/src/security/nats-server-config.ts';
import { type PrivateNats, startPrivateNats } from '../../packages/runtime/src/testing/private-nats.ts';
import { natsConfigOutputs } from '../../scripts/lib/nats-config-outputs.ts';

const root = join(import.meta.dirname, '..', '..');
const logger = createLogger({ service: 'test', level: 'silent' });
const users = natsUsers(registry);
const passwords = Object.fromEntries(users.map((u) => [passwordVariable(u.user), `pw-${u.user}-${Date.now()}`]));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the generated nats-server configuration', () => {
  it('is what is committed for compose and k8s (run `npm run nats:config` after changing contracts)', () => {
    for (const [file, text] of Object.entries(natsConfigOutputs(users)))
      expect(readFileSync(join(root, file), 'utf8'), file).toBe(text);
  });

  it('has a user for the gateway, the worker and every service of the registry', () => {
    // The worker serves requests of its own, so it is also among the services: one user all the same.
    const processes = new Set(['gateway', 'worker', ...servicesOf(registry)]);
    expect(users.map((u) => u.user).sort()).toEqual([...processes].sort());
    expect(servicesOf(registry)).toEqual(expect.arrayContaining(['auth', 'chat', 'playco']));
  });
});

describe('a nats-server running the generated configuration', () => {
  let nats: PrivateNats;
  const open: NatsConnection[] = [];
  const as = async (user: string) => {
    const nc = await connectNats({
      url: nats.url,
      name: `test-${user}`,
      logger,
      user,
      pass: passwords[passwordVariable(user)]!,
      timeoutMs: 5_000,
    });
    open.push(nc);
    return nc;
  };
  /** The permission errors the server sends a connection. */
  const violations = (nc: NatsConnection) => {
    const seen: string[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'error') seen.push(s.error.message);
    })();
    return seen;
  };
  const received = (nc: NatsConnection, subject: string) => {
    const got: { userId: string | undefined }[] = [];
    nc.subscribe(subject, { callback: (_, msg) => void got.push({ userId: msg.headers?.get(USER_ID_HEADER) }) });
    return got;
  };

  beforeAll(async () => {
    nats = await startPrivateNats({ config: natsConfigOutputs(users)['deploy/nats/nats-server.conf'], env: passwords });
  });
  afterAll(async () => {
    for (const nc of open) await nc.close();
    await nats?.stop();
  });

  it('lets in each process with its own password and no one without', async () => {
    for (const { user } of users) expect((await as(user)).isClosed(), user).toBe(false);
    await expect(
      connectNats({ url: nats.url, name: 'intruder', logger, user: 'chat', pass: 'guess', timeoutMs: 3_000 }),
    ).rejects.toThrow(/cannot reach NATS.*[Aa]uthorization/);
    await expect(connectNats({ url: nats.url, name: 'anonymous', logger, timeoutMs: 3_000 })).rejects.toThrow(
      /[Aa]uthorization/,
    );
  });

  it("refuses a service's request to another service on a signed-in subject, identity headers and all", async () => {
    const auth = await as('auth');
    const chat = await as('chat');
    const gateway = await as('gateway');
    const seen = received(auth, 'auth.profile.get');
    await auth.flush();
    const refused = violations(chat);
    const forged = { requestId: 'forged', caller: { userId: '1', sessionId: 's' } };
    chat.publish('auth.profile.get', '{}', { headers: contextHeaders(forged) });
    await chat.flush();
    gateway.publish('auth.profile.get', '{}', { headers: contextHeaders({ ...forged, requestId: 'real' }) });
    await gateway.flush();
    await pause(200);
    expect(seen).toEqual([{ userId: '1' }]);
    expect(refused.join('\n')).toMatch(/Permissions Violation for Publish to "auth\.profile\.get"/);
  });

  it("lets a service call another's internal subjects, and answers come back to it alone", async () => {
    const auth = await as('auth');
    const chat = await as('chat');
    auth.subscribe('auth.user.get', { callback: (_, msg) => void msg.respond('{"users":[]}') });
    await auth.flush();
    expect((await chat.request('auth.user.get', '{"ids":[]}', { timeout: 2_000 })).string()).toBe('{"users":[]}');
    // Another process's replies are not for it to read.
    const snooper = violations(chat);
    chat.subscribe('_INBOX_gateway.>', { callback: () => {} });
    await chat.flush().catch(() => {});
    await pause(200);
    expect(snooper.join('\n')).toMatch(/Permissions Violation for Subscription to "_INBOX_gateway\.>"/);
  });

  it('leaves consuming and purging the job streams to the worker', async () => {
    const playco = await as('playco');
    const refused = violations(playco);
    playco.publish('$JS.API.CONSUMER.MSG.NEXT.JOBS.jobs_email_send', '{"batch":1}');
    playco.publish('$JS.API.STREAM.PURGE.JOBS', '{}');
    await playco.flush();
    await pause(200);
    expect(refused.filter((m) => m.includes('Permissions Violation'))).toHaveLength(2);
  });
});
