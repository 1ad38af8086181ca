import type { NatsConnection } from '@seed/runtime';
import {
  type FakeAuth,
  test as kit,
  type ServiceEnv,
  type TestGateway,
  type TestGatewayOptions,
  type TestGatewayProcess,
  type TestGatewayProcessOptions,
  type TestSocket,
  type TestSocketOptions,
  type TestUser,
} from '@seed/testkit';

/** The legacy clients' world: two gateway replicas, chat and playco behind them, users auth knows. */
function legacyWorldOf(f: {
  gateways: { a: TestGateway; b: TestGateway };
  fakeAuth: FakeAuth;
  nc: NatsConnection;
  connectTestSocket: (url: string, opts?: TestSocketOptions) => Promise<TestSocket>;
  startTestGatewayProcess: (opts?: TestGatewayProcessOptions) => Promise<TestGatewayProcess>;
}) {
  const token = (userId: string) => f.fakeAuth.sign(userId, { sessionId: '1' });
  return {
    a: f.gateways.a,
    b: f.gateways.b,
    nc: f.nc,
    tokens: f.fakeAuth.tokens,
    token,
    /** A user auth knows, calling services over NATS as the gateway would for them. */
    member: (nickname: string) => f.fakeAuth.knownUser(nickname),
    /** A signed-in user with an HTTP helper. */
    user: (nickname: string) => f.fakeAuth.user(nickname),
    /** A socket on `namespace` of a replica, signed in as `userId`. */
    async connect(replicaUrl: string, userId: string, namespace = '/', auth: Record<string, unknown> = {}) {
      return f.connectTestSocket(replicaUrl, { namespace, token: await token(userId), auth });
    },
    /** A gateway replica in a child process, to kill as a crash would. */
    startGatewayProcess: (replicaId: string) => f.startTestGatewayProcess({ replicaId }),
  };
}
export type LegacyWorld = ReturnType<typeof legacyWorldOf>;

/** Playco's sessions lapse within seconds of their replica's end, and are refreshed more often. */
export const LEGACY_TEST_ENV: ServiceEnv = {
  playco: { PLAYCO_CONNECTION_TTL_MS: '2000', PLAYCO_SWEEP_INTERVAL_MS: '250' },
};

/** The kit's fixtures for the legacy protocols' tests: `legacyWorld`, with chat or playco asked for by name. */
export const test = kit
  .extend('serviceEnv', { scope: 'file' }, LEGACY_TEST_ENV)
  .extend('gatewayOptions', { scope: 'file' }, {
    playco: { refreshMs: 400 },
    legacy: { playco: { idleMs: 60_000 } },
  } as TestGatewayOptions)
  .extend('legacyWorld', { scope: 'file' }, ({ gateways, fakeAuth, nc, connectTestSocket, startTestGatewayProcess }) =>
    legacyWorldOf({ gateways, fakeAuth, nc, connectTestSocket, startTestGatewayProcess }),
  )
  /** The legacy world with chat running behind the gateways (REWIND, `/rooms`). */
  .extend('chatWorld', { scope: 'file' }, ({ chat, legacyWorld }) => ({ ...legacyWorld, chat }))
  /** The legacy world with playco running behind the gateways (`/playco_ws`). */
  .extend('playcoWorld', { scope: 'file' }, ({ playco, legacyWorld }) => ({ ...legacyWorld, playco }));

export type { TestUser };
