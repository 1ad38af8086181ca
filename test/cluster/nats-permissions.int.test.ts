import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../packages/contracts/src/index.ts';
import { natsUsers } from '../../packages/runtime/src/security/nats-permissions.ts';
import { passwordVariable } from '../../packages/runtime/src/security/nats-server-config.ts';
import { createTestDatabase, type TestDatabase } from '../../packages/runtime/src/testing/database.ts';
import { testRedisPrefix } from '../../packages/runtime/src/testing/names.ts';
import { type PrivateNats, startPrivateNats } from '../../packages/runtime/src/testing/private-nats.ts';
import { testServers } from '../../packages/runtime/src/testing/servers.ts';
import { natsConfigOutputs } from '../../scripts/lib/nats-config-outputs.ts';
import { clusterClient } from '../support/cluster-client.ts';
import { type ClusterProcesses, startClusterProcesses } from '../support/cluster-processes.ts';
import { root } from '../support/run-main.ts';

const users = natsUsers(registry);
// nats-server reads a variable's value as configuration: a password that looks like a number
// (`12e45…`, `0123…`) would not parse, so each starts with letters.
const passwords = Object.fromEntries(users.map((u) => [u.user, `pw-${randomBytes(16).toString('hex')}`]));

describe('the cluster with NATS permissions on', () => {
  let nats: PrivateNats;
  let database: TestDatabase;
  let cluster: ClusterProcesses;
  let client: ReturnType<typeof clusterClient>;

  beforeAll(async () => {
    nats = await startPrivateNats({
      config: natsConfigOutputs(users)['deploy/nats/nats-server.conf'],
      env: Object.fromEntries(users.map((u) => [passwordVariable(u.user), passwords[u.user]!])),
    });
    database = await createTestDatabase([
      { schemaName: 'auth', migrationsFolder: join(root, 'services/auth/drizzle') },
      { schemaName: 'chat', migrationsFolder: join(root, 'services/chat/drizzle') },
      { schemaName: 'playco', migrationsFolder: join(root, 'services/playco/drizzle') },
    ]);
    cluster = await startClusterProcesses({
      services: ['worker', 'auth', 'chat', 'playco', 'gateway'],
      env: {
        NATS_URL: nats.url,
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: testServers().redisUrl,
        REDIS_KEY_PREFIX: testRedisPrefix(),
        AUTH_KEYS_SECRET: randomBytes(32).toString('hex'),
        KEY_ACTIVATION_DELAY_MS: '0',
        EQUAL_TIME_MS: '0',
        LOG_LEVEL: 'info',
      },
      // Each process as its own NATS user, with its own password.
      envOf: (service) => ({ NATS_USER: service, NATS_PASSWORD: passwords[service]! }),
    });
    client = clusterClient(cluster);
  }, 180_000);
  afterAll(async () => {
    client?.close();
    await cluster?.stop();
    await nats?.stop();
    await database?.drop();
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
    for (const [service, lines] of Object.entries(cluster.output))
      expect(
        lines.filter((l) => /Permissions Violation/i.test(l)),
        service,
      ).toEqual([]);
  });
});
