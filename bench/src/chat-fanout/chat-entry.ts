// The chat service as the fan-out bench runs it: its own createApp and config, with the run's JWKS
// and the bench users' public views answered beside it (in place of auth, which this bench does not measure).
import { getJwks, getUsers, type JwkSet } from '@seed/contracts';
import { configOrExit, createLogger, createServiceHost, runProcess } from '@seed/runtime';
import { createApp } from '../../../services/chat/src/app.ts';
import { loadConfig } from '../../../services/chat/src/config.ts';
import { reportReady } from '../lib/child.ts';

const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: 'chat', level: config.LOG_LEVEL });
const jwk = JSON.parse(process.env.BENCH_PUBLIC_JWK ?? '{}') as JwkSet['keys'][number];

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    const app = await createApp(config, logger);
    const auth = await createServiceHost(app.infra.nc, { name: 'auth', version: '0.0.0', logger });
    auth.serve(getJwks, () => ({ keys: [jwk] }));
    auth.serve(getUsers, ({ ids }) => ({
      users: ids.map((id) => ({ id, nickname: `bench${id.slice(-6)}`, name: null, avatarUrl: null })),
    }));
    await app.infra.nc.flush();
    reportReady();
    return {
      async stop() {
        await auth.stop();
        await app.stop();
      },
    };
  },
});
