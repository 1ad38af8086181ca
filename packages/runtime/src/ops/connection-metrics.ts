import type { NatsConnection } from '@nats-io/nats-core';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { processRegistry, sharedCounter, sharedGauge } from './process-registry.ts';

// Connections of this process, read when scraped (nothing is recorded per message).
const natsConnections = new Map<NatsConnection, { name: string; up: boolean }>();
const redisClients = new Map<Redis, string>();

const natsMetrics = () => ({
  reconnects: sharedCounter(processRegistry, {
    name: 'seed_nats_reconnects_total',
    help: 'Times a NATS connection was re-established after it was lost',
    labelNames: ['connection'],
  }),
  disconnects: sharedCounter(processRegistry, {
    name: 'seed_nats_disconnects_total',
    help: 'Times a NATS connection was lost',
    labelNames: ['connection'],
  }),
  connected: sharedGauge(processRegistry, {
    name: 'seed_nats_connected',
    help: 'Whether a NATS connection is up (1) or down (0)',
    labelNames: ['connection'],
    collect() {
      this.reset();
      for (const { name, up } of natsConnections.values()) this.inc({ connection: name }, up ? 1 : 0);
    },
  }),
});

/** Logs and counts the status changes of `nc`, and reports its state on /metrics. */
export function observeNatsConnection(nc: NatsConnection, name: string, logger: Logger): void {
  const metrics = natsMetrics();
  const state = { name, up: true };
  natsConnections.set(nc, state);
  metrics.reconnects.inc({ connection: name }, 0);
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        state.up = false;
        metrics.disconnects.inc({ connection: name });
        logger.warn({ nats: s.server }, 'nats disconnected; reconnecting');
      } else if (s.type === 'reconnect') {
        state.up = true;
        metrics.reconnects.inc({ connection: name });
        logger.info({ nats: s.server }, 'nats reconnected');
      } else if (s.type === 'error') {
        logger.error({ err: s.error.message }, 'nats error');
      } else if (s.type === 'ldm' || s.type === 'staleConnection' || s.type === 'slowConsumer') {
        logger.warn({ nats: s.type }, 'nats status');
      }
    }
  })();
  void nc.closed().then(() => {
    natsConnections.delete(nc);
    if (!state.up) logger.warn('nats connection closed while disconnected');
  });
}

/** Counts the reconnects of a Redis client and reports its state and queued commands on /metrics. */
export function observeRedis(redis: Redis, name: string): void {
  const reconnects = sharedCounter(processRegistry, {
    name: 'seed_redis_reconnects_total',
    help: 'Times a Redis client started reconnecting',
    labelNames: ['connection'],
  });
  sharedGauge(processRegistry, {
    name: 'seed_redis_connected',
    help: 'Whether a Redis client is ready (1) or not (0)',
    labelNames: ['connection'],
    collect() {
      this.reset();
      for (const [client, label] of redisClients) this.inc({ connection: label }, client.status === 'ready' ? 1 : 0);
    },
  });
  sharedGauge(processRegistry, {
    name: 'seed_redis_pending_commands',
    help: 'Commands sent and not yet answered, plus those queued while the client is not ready',
    labelNames: ['connection'],
    collect() {
      this.reset();
      for (const [client, label] of redisClients) {
        const queued = client as unknown as { commandQueue?: { length: number }; offlineQueue?: { length: number } };
        this.inc({ connection: label }, (queued.commandQueue?.length ?? 0) + (queued.offlineQueue?.length ?? 0));
      }
    },
  });
  redisClients.set(redis, name);
  reconnects.inc({ connection: name }, 0);
  redis.on('reconnecting', () => reconnects.inc({ connection: name }));
  redis.once('end', () => redisClients.delete(redis));
}
