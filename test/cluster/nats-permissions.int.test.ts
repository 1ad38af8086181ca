import { randomBytes } from 'node:crypto';
import { type ServiceProcesses, startServiceProcesses } from '@seed/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../packages/contracts/src/index.ts';
import { natsUsers } from '../../packages/runtime/src/security/nats-permissions.ts';
import { passwordVariable } from '../../packages/runtime/src/security/nats-server-config.ts';
import { natsConfigOutputs } from '../../scripts/lib/nats-config-outputs.ts';
import { clusterClient } from '../support/cluster-client.ts';

const users = natsUsers(registry);
// nats-server reads a variable's value as configuration: a password that looks like a number
// (`12e45…`, `0123…`) would not parse, so each starts with letters.
const passwords = Object.fromEntries(users.map((u) => [u.user, `pw-${randomBytes(16).toString('hex')}`]));

describe('the cluster with NATS permissions on', () => {
  let cluster: ServiceProcesses;
  let client: ReturnType<typeof clusterClient>;

  beforeAll(async () => {
    cluster = await startServiceProcesses({
      names: ['worker', 'auth', 'chat', 'playco', 'gateway'],
      nats: {
        config: natsConfigOutputs(users)['deploy/nats/nats-server.conf'],
        env: Object.fromEntries(users.map((u) => [passwordVariable(u.user), passwords[u.user]!])),
      },
      env: { LOG_LEVEL: 'info' },
      // Each process as its own NATS user, with its own password.
      envOf: (name) => ({ NATS_USER: name, NATS_PASSWORD: passwords[name]! }),
    });
    client = clusterClient(cluster);
  }, 180_000);
  afterAll(async () => {
    client?.close();
    await cluster?.stop();
  }, 60_000);

  it('signs up through gateway, auth and the worker, and serves its keys', async () => {
    const signedIn = await client.signUp({
      email: 'grace@example.com',
      nickname: 'grace',
      password: 'a long enough password',
    });
    expect(signedIn).toMatchObject({ user: { nickname: 'grace', emailVerified: true } });
    const jwks = await client.call('GET', '/.well-known/jwks.json');
    expect((jwks.body.keys as unknown[]).length).toBeGreaterThan(0);
  });

  it('sends a chat message to the sockets of the room, through chat and auth', async () => {
    const room = await client.call('POST', '/api/v1/chat/rooms', { kind: 'group', name: 'Locked down' });
    expect(room.status).toBe(201);
    const socket = await client.socket();
    const delivered = new Promise<{ text?: string }>((resolve) => socket.once('chat:message:created', resolve));
    const sent = await client.call('POST', `/api/v1/chat/rooms/${room.body.data?.id}/messages`, {
      clientMsgId: 'locked-1',
      text: 'only through the gateway',
    });
    expect(sent.status).toBe(201);
    expect((await delivered).text).toBe('only through the gateway');
    const ack = await socket.timeout(10_000).emitWithAck('chat:room:list', {});
    expect(ack).toMatchObject({ ok: true });
  });

  it('creates a playlist through playco', async () => {
    const playlist = await client.call('POST', '/api/v1/playco/playlists', { name: 'Mix' });
    expect(playlist.status).toBe(201);
    expect(playlist.body.data ?? playlist.body).toMatchObject({ name: 'Mix' });
  });

  it('logs no permission violation in any process', () => {
    for (const name of ['worker', 'auth', 'chat', 'playco', 'gateway'] as const)
      expect(
        cluster.lines(name).filter((l) => /Permissions Violation/i.test(l)),
        name,
      ).toEqual([]);
  });
});
