// The Moleculer baseline's edge: moleculer-web with the same token check and cache as the careful
// monolith and the same per-IP rate limit counted in Redis, calling `bench.ping` over NATS.
import type { AddressInfo } from 'node:net';
import { configOrExit, loadConfig } from '@seed/runtime';
import { Redis } from 'ioredis';
import type { Context } from 'moleculer';
import ApiGateway from 'moleculer-web';
import { createCachedTokenCheck } from '../baselines/cached-token-check.ts';
import { benchServerConfigSchema } from '../config.ts';
import { reportReady } from '../lib/child.ts';
import { createBroker } from './broker.ts';
import { redisRateLimitStore } from './redis-rate-limit-store.ts';

const config = configOrExit(() => loadConfig(benchServerConfigSchema));
const redis = new Redis(config.REDIS_URL);
const check = createCachedTokenCheck({
  publicJwk: config.BENCH_PUBLIC_JWK,
  issuer: config.BENCH_TOKEN_ISSUER,
  audience: config.BENCH_TOKEN_AUDIENCE,
  redis,
});
const broker = createBroker('api');
const api = broker.createService({
  name: 'api',
  mixins: [ApiGateway],
  settings: {
    port: 0,
    ip: '127.0.0.1',
    routes: [
      {
        path: '/api/v1/bench',
        mappingPolicy: 'restrict',
        aliases: { 'GET ping': 'bench.ping' },
        authentication: true,
        rateLimit: {
          window: 60_000,
          limit: 1_000_000_000,
          headers: false,
          key: (req: { socket: { remoteAddress?: string } }) => req.socket.remoteAddress ?? '',
          StoreFactory: redisRateLimitStore(redis),
        },
      },
    ],
  },
  methods: {
    async authenticate(_ctx: Context, _route: unknown, req: { headers: Record<string, string | undefined> }) {
      const caller = await check(req.headers.authorization);
      if (!caller) throw new ApiGateway.Errors.UnAuthorizedError(ApiGateway.Errors.ERR_INVALID_TOKEN, null);
      return caller;
    },
  },
});
await broker.start();
// Only ask for the first request once the service's node is known, so the run measures no error answers.
await broker.waitForServices(['bench']);
const { port } = (api as unknown as { server: { address(): AddressInfo } }).server.address();
reportReady({ port });
process.once('SIGTERM', async () => {
  await broker.stop();
  redis.disconnect();
  process.exit(0);
});
