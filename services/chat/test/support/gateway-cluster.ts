import { getJwks } from '@seed/contracts';
import { connectNats, createLogger, createRedis } from '@seed/runtime';
import { testServers, uniqueName } from '@seed/runtime/testing';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../../../gateway/src/app.ts';
import { loadConfig } from '../../../gateway/src/config.ts';
import type { RawWsOptions } from '../../../gateway/src/raw-ws/index.ts';
import { pause } from '../../../gateway/test/support/socket-expect.ts';
import { createTestTokens } from '../../../gateway/test/support/tokens.ts';
import type { ChatWorld } from './chat-world.ts';

export { eventually, pause, received } from '../../../gateway/test/support/socket-expect.ts';

/**
 * Two gateway replicas in front of a chat world: same NATS, same Redis prefix (so the adapter,
 * presence and chat's presence reader agree), and the JWKS they trust served over NATS.
 */
export async function startGatewayPair(world: ChatWorld, opts: { rawWs?: RawWsOptions } = {}) {
  const tokens = await createTestTokens();
  const jwksContract = { ...getJwks, subject: `${uniqueName('chattest')}.jwks.get` } as typeof getJwks;
  const jwks = await tokens.serveJwks(world.nc, jwksContract);
  const sockets: Socket[] = [];

  async function replica(replicaId: string) {
    const logger = createLogger({ service: 'gateway', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NATS_URL: world.natsUrl });
    const nc = await connectNats({ url: world.natsUrl, name: `gateway-${replicaId}`, logger });
    const redis = createRedis({ url: testServers().redisUrl, name: 'gateway', logger, keyPrefix: world.redisPrefix });
    const app = await createApp(
      config,
      { nc, redis, logger },
      {
        jwksContract,
        sockets: { replicaId },
        ...(opts.rawWs ? { rawWs: opts.rawWs } : {}),
      },
    );
    const { port } = await app.start();
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      async stop() {
        await app.stop();
        await nc.drain();
        await redis.quit();
      },
    };
  }

  const a = await replica('a');
  const b = await replica('b');

  return {
    a,
    b,
    tokens,
    token: (userId: string) => tokens.signAccessToken({ sub: userId, sid: '1' }),
    /** A socket on `/` of a replica, signed in as `userId`. */
    async connect(replicaUrl: string, userId: string, namespace = '/', auth: Record<string, unknown> = {}) {
      const socket = io(`${replicaUrl}${namespace === '/' ? '' : namespace}`, {
        path: '/api/v1/ws',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: await tokens.signAccessToken({ sub: userId, sid: '1' }), ...auth },
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    track(socket: Socket) {
      sockets.push(socket);
    },
    async stop() {
      for (const s of sockets) s.close();
      // Let the replicas finish what the disconnects start before their Redis clients close.
      await pause(300);
      await a.stop();
      await b.stop();
      await jwks.stop();
    },
  };
}

export type GatewayPair = Awaited<ReturnType<typeof startGatewayPair>>;

/** Emits with an acknowledgement and resolves with the ack body. */
export function ask<T = unknown>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
}
