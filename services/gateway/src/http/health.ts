import {
  isDisconnected,
  type NatsConnection,
  pingRedis,
  type ReadinessCheck,
  type Redis,
  readiness,
} from '@seed/runtime';
import type { FastifyPluginAsync } from 'fastify';

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
  /** True once the gateway is shutting down: load balancers should send no more work. */
  draining: () => boolean;
}

/** `/healthz` (the process is alive) and `/readyz` (connections up, not draining) on the public port. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (fastify, opts) => {
  fastify.get(
    '/healthz',
    { schema: { hide: true }, config: { rateLimit: false, pressureHandler: () => undefined } },
    async () => ({
      status: 'ok',
    }),
  );
  fastify.get('/readyz', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
    const checks = await readiness(opts.checks);
    const draining = opts.draining();
    const ready = !draining && Object.values(checks).every(Boolean);
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : draining ? 'draining' : 'not_ready', checks };
  });
};

/** The gateway's readiness checks: a NATS round trip and a Redis ping. */
export const readinessChecks = ({ nc, redis }: { nc: NatsConnection; redis: Redis }) => ({
  nats: async () => {
    if (nc.isClosed() || isDisconnected(nc)) return false;
    await nc.flush();
    return true;
  },
  redis: () => pingRedis(redis),
});
