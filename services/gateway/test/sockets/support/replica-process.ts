// A gateway replica in its own process, so a test can kill it without any cleanup running.
import { getJwks, registry } from '@seed/contracts';
import { startReplica } from './replica.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const replica = await startReplica({
  registry,
  redisPrefix: env('REPLICA_REDIS_PREFIX'),
  jwksContract: { ...getJwks, subject: env('REPLICA_JWKS_SUBJECT') } as typeof getJwks,
  sockets: {
    replicaId: env('REPLICA_ID'),
    deliveryQueue: env('REPLICA_DELIVERY_QUEUE'),
    presenceTtlMs: Number(env('REPLICA_PRESENCE_TTL_MS')),
    presenceRefreshMs: Number(env('REPLICA_PRESENCE_REFRESH_MS')),
  },
});
process.stdout.write(`${JSON.stringify({ url: replica.url })}\n`);
