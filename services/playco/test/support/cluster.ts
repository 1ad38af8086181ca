import { testServers, uniqueName } from '@seed/runtime/testing';
import { closeSockets } from './clients.ts';
import { type GatewayReplica, type GatewaySetup, startGatewayReplica, startTestAuthority } from './gateway.ts';
import { startPlayco } from './playco.ts';

/**
 * Playco behind gateway replicas on a private NATS: what a client of the whole cluster sees.
 * Short session lifetimes, so a dead replica's members leave within a few seconds.
 */
export async function startCluster(opts: { replicas?: number; env?: Record<string, string> } = {}) {
  const playco = await startPlayco({
    env: {
      PLAYCO_CONNECTION_TTL_MS: '2000',
      PLAYCO_SWEEP_INTERVAL_MS: '250',
      PLAYCO_PLAYBACK_LEAD_MS: '300',
      ...opts.env,
    },
  });
  const authority = await startTestAuthority(playco.nc);
  const setup: GatewaySetup = {
    natsUrl: playco.natsUrl,
    redisUrl: testServers().redisUrl,
    redisPrefix: playco.redisPrefix,
    deliveryQueue: uniqueName('gateway'),
    refreshMs: 400,
  };
  const gateways: GatewayReplica[] = [];
  for (let i = 0; i < (opts.replicas ?? 2); i++) gateways.push(await startGatewayReplica(setup, `r${i}`));

  /** A signed-in user: id, nickname, access token and an HTTP helper. */
  async function user(nickname: string) {
    const id = playco.user(nickname);
    const token = await authority.sign(id);
    return {
      id,
      nickname,
      token,
      http(
        gateway: GatewayReplica,
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) {
        return fetch(`${gateway.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      },
    };
  }

  return {
    playco,
    setup,
    gateways,
    a: gateways[0]!,
    b: gateways[1] ?? gateways[0]!,
    user,
    async stop() {
      closeSockets();
      for (const g of gateways) await g.stop().catch(() => {});
      await authority.stop();
      await playco.stop();
    },
  };
}
export type Cluster = Awaited<ReturnType<typeof startCluster>>;
export type TestUser = Awaited<ReturnType<Cluster['user']>>;
