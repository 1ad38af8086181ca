import { describe, expect, it } from 'vitest';
import { benchGatewayEnv } from './bench-servers.ts';

describe('the bench gateway environment', () => {
  const servers = { natsUrl: 'nats://127.0.0.1:1', redisUrl: 'redis://127.0.0.1:2' };

  it('trusts the bench’s own tokens and lifts the per-IP limit for the one load generator', () => {
    expect(benchGatewayEnv(servers)).toMatchObject({
      NATS_URL: 'nats://127.0.0.1:1',
      REDIS_URL: 'redis://127.0.0.1:2',
      RATE_LIMIT_MAX: '1000000000',
      PORT: '0',
      JWT_ISSUER: 'seed-bench',
      JWT_AUDIENCE: 'seed',
    });
  });

  it('keeps the gateway’s own issuer and audience where auth issues the tokens', () => {
    const env = benchGatewayEnv({ ...servers, benchTokens: false });
    expect(env).not.toHaveProperty('JWT_ISSUER');
    expect(env).not.toHaveProperty('JWT_AUDIENCE');
  });
});
