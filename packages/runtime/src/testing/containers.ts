import { execFileSync } from 'node:child_process';

/** Starts PostgreSQL, Redis and NATS (JetStream) in containers, when a Docker engine answers. */
export async function startContainers(): Promise<
  { env: Record<string, string>; stop: () => Promise<void> } | undefined
> {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
  } catch {
    return undefined;
  }
  const { GenericContainer, Wait } = await import('testcontainers');
  const [pg, redis, nats] = await Promise.all([
    new GenericContainer('postgres:15-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start(),
    new GenericContainer('redis:7-alpine').withExposedPorts(6379).start(),
    new GenericContainer('nats:2.9-alpine').withCommand(['-js']).withExposedPorts(4222).start(),
  ]);
  return {
    env: {
      DATABASE_URL: `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`,
      REDIS_URL: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
      NATS_URL: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    },
    stop: async () => {
      await Promise.all([pg.stop(), redis.stop(), nats.stop()]);
    },
  };
}
