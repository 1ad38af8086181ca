import { getJwks } from '@seed/contracts';
import type { NatsConnection, Redis } from '@seed/runtime';
import {
  type FakeAuth,
  test as kit,
  type TestGateway,
  type TestGatewayOptions,
  type TestSocket,
  type TestSocketOptions,
} from '@seed/testkit';
import { serveSocketContracts, type TestContracts, testContracts } from './test-service.ts';

export interface SocketTestOptions {
  sockets?: TestGatewayOptions['sockets'];
  /** Adds a socket room source nobody serves. */
  absentRoomsSource?: boolean;
}

/** What the socket tests use, gathered from the kit's fixtures (a fixture: it names them as it takes them). */
function gatherCluster({
  gateways,
  fakeAuth,
  nc,
  redis,
  socketContracts,
  socketService,
  startTestGateway,
  connectTestSocket,
}: {
  gateways: { a: TestGateway; b: TestGateway };
  fakeAuth: FakeAuth;
  nc: NatsConnection;
  redis: Redis;
  socketContracts: TestContracts;
  socketService: Awaited<ReturnType<typeof serveSocketContracts>>;
  startTestGateway: (opts?: TestGatewayOptions) => Promise<TestGateway>;
  connectTestSocket: (url: string, opts?: TestSocketOptions) => Promise<TestSocket>;
}) {
  return {
    a: gateways.a,
    b: gateways.b,
    nc,
    redis,
    contracts: socketContracts,
    service: socketService,
    auth: { sign: fakeAuth.sign, jwksContract: getJwks },
    /** One more replica of the same cluster (stopped with the rest). */
    addReplica: (replicaId: string, sockets: TestGatewayOptions['sockets'] = {}) =>
      startTestGateway({ replicaId, sockets }),
    connect: connectTestSocket,
  };
}
export type Cluster = ReturnType<typeof gatherCluster>;

/**
 * The kit's fixtures for the socket tests: two gateway replicas serving the platform's contracts
 * with a test service's socket events beside them, and `cluster` gathering what the tests use.
 */
export const test = kit
  .extend('socketOptions', { scope: 'file' }, {} as SocketTestOptions)
  .extend('socketContracts', { scope: 'file' }, ({ socketOptions }) => testContracts(socketOptions))
  .extend(
    'gatewayOptions',
    { scope: 'file' },
    ({ socketContracts, socketOptions }): TestGatewayOptions => ({
      registry: socketContracts.registry,
      sockets: socketOptions.sockets ?? {},
    }),
  )
  .extend('socketService', { scope: 'file', auto: true }, async ({ nc, logger, socketContracts }, { onCleanup }) => {
    const service = await serveSocketContracts(nc, socketContracts, logger);
    onCleanup(() => service.stop());
    return service;
  })
  .extend('cluster', { scope: 'file' }, gatherCluster);
