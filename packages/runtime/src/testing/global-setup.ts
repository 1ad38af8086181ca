import { startContainers } from './containers.ts';
import { reachable, testServers } from './servers.ts';

/**
 * Integration tests run against the servers named by DATABASE_URL, REDIS_URL and NATS_URL
 * (loopback by default). Where those are not reachable and a Docker engine is, testcontainers
 * starts them for this run.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const s = testServers();
  const up = await Promise.all([
    reachable(s.databaseUrl, 5432),
    reachable(s.redisUrl, 6379),
    reachable(s.natsUrl, 4222),
  ]);
  if (up.every(Boolean)) return undefined;
  const started = await startContainers();
  if (!started) {
    throw new Error(
      `test servers unreachable (postgres ${up[0]}, redis ${up[1]}, nats ${up[2]}) and no Docker engine: ` +
        'run scripts/infra.sh up or set DATABASE_URL, REDIS_URL, NATS_URL',
    );
  }
  Object.assign(process.env, started.env);
  return started.stop;
}
