// A NATS service answering the bench contract with `select 1`, and the JWKS of the run's key so
// the gateway can verify the bench's access token.
import { getJwks } from '@seed/contracts';
import { configOrExit, connectNats, createLogger, createServiceHost, loadConfig, runProcess } from '@seed/runtime';
import postgres from 'postgres';
import { benchPing } from './bench.contract.ts';
import { benchServerConfigSchema } from './config.ts';
import { reportReady } from './lib/child.ts';

const config = configOrExit(() => loadConfig(benchServerConfigSchema));
const logger = createLogger({ service: 'bench', level: config.LOG_LEVEL });

await runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    const sql = postgres(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      connection: { application_name: config.BENCH_DB_APPLICATION_NAME },
      onnotice: () => {},
    });
    const nc = await connectNats({ url: config.NATS_URL, name: 'bench', logger });
    const host = await createServiceHost(nc, { name: 'bench', version: '0.1.0', logger });
    host.serve(benchPing, async () => {
      const [row] = await sql<{ value: number }[]>`select 1 as value`;
      return { value: row!.value };
    });
    host.serve(getJwks, () => ({ keys: [config.BENCH_PUBLIC_JWK] }));
    await sql`select 1`;
    await nc.flush();
    reportReady();
    return {
      async stop() {
        await host.stop();
        await nc.drain();
        await sql.end({ timeout: 5 });
      },
    };
  },
});
