import type { RequestContract, RequestOf } from '@seed/contracts';
import type { NatsConnection, Redis } from '@seed/runtime';
import {
  callAs,
  type FakeAuth,
  test as kit,
  type ServiceEnv,
  type TestGateway,
  type TestGatewayOptions,
  type TestService,
  type TestUser,
} from '@seed/testkit';

/** Short session lifetimes, so a dead replica's members leave within a few seconds. */
export const PLAYCO_TEST_ENV = {
  PLAYCO_CONNECTION_TTL_MS: '2000',
  PLAYCO_SWEEP_INTERVAL_MS: '250',
  PLAYCO_PLAYBACK_LEAD_MS: '300',
};

/** Playco as other services and the gateway reach it: over NATS, as any user. */
function playcoWorldOf(f: { playco: TestService<'playco'>; nc: NatsConnection; redis: Redis; fakeAuth: FakeAuth }) {
  return {
    ...f,
    /** A user auth knows, with this nickname; returns the id. */
    user: (nickname: string): string => f.fakeAuth.knownUser(nickname).id,
    /** Calls a contract over NATS as `userId` (the way the gateway forwards a request). */
    as: <C extends RequestContract>(userId: string | undefined, contract: C, input: RequestOf<C>) =>
      callAs(f.nc, userId, contract, input),
  };
}
export type PlaycoWorld = ReturnType<typeof playcoWorldOf>;

/** Playco behind two gateway replicas: what a client of the whole cluster sees. */
function clusterOf(f: {
  playco: TestService<'playco'>;
  gateways: { a: TestGateway; b: TestGateway };
  fakeAuth: FakeAuth;
}) {
  return {
    playco: f.playco,
    a: f.gateways.a,
    b: f.gateways.b,
    /** A signed-in user with an HTTP helper. */
    user: (nickname: string): Promise<TestUser> => f.fakeAuth.user(nickname),
  };
}
export type Cluster = ReturnType<typeof clusterOf>;

/** The kit's fixtures for playco's tests: `playcoWorld` over NATS, `cluster` through gateways. */
export const test = kit
  .extend('serviceEnv', { scope: 'file' }, { playco: PLAYCO_TEST_ENV } as ServiceEnv)
  .extend('gatewayOptions', { scope: 'file' }, { playco: { refreshMs: 400 } } as TestGatewayOptions)
  .extend('playcoWorld', { scope: 'file' }, ({ playco, nc, redis, fakeAuth }) =>
    playcoWorldOf({ playco, nc, redis, fakeAuth }),
  )
  .extend('cluster', { scope: 'file' }, ({ playco, gateways, fakeAuth }) => clusterOf({ playco, gateways, fakeAuth }));

export type { TestUser };
