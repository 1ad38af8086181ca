import { existsSync } from 'node:fs';
import { benchGatewayEnv } from './bench-servers.ts';
import { type BenchServer, startBenchNats, startBenchRedis } from './private-servers.ts';
import { type ManagedProcess, startNodeProcess } from './processes.ts';

const GATEWAY_APP = new URL('../../../services/gateway/src/app.ts', import.meta.url).pathname;
const GATEWAY_ENTRY = new URL('../gateway-entry.ts', import.meta.url).pathname;
const BENCH_SERVICE = new URL('../bench-service.ts', import.meta.url).pathname;

export interface GatewayStack {
  baseUrl: string;
  /** Gateway, bench service and the private NATS and Redis it started, for CPU accounting. */
  processes: ManagedProcess[];
  notes: string[];
  stop(): Promise<void>;
}

/**
 * The product's gateway in front of the bench service, on a NATS of their own (or the `servers`
 * given): each its own process. `serverEnv` configures the bench service (database, run's public
 * key); `nodeOptions` is handed to both Node processes (e.g. `--cpu-prof`), and
 * BENCH_GATEWAY_NODE_OPTIONS to the gateway's (e.g. `--max-semi-space-size=16`).
 */
export async function startGatewayStack(opts: {
  serverEnv: Record<string, string>;
  servers?: { nats: BenchServer; redis: BenchServer };
  nodeOptions?: (name: string) => string | undefined;
}): Promise<GatewayStack> {
  if (!existsSync(GATEWAY_APP)) throw new Error('services/gateway/src/app.ts does not exist');
  const started: ManagedProcess[] = [];
  const stop = async () => {
    for (const p of [...started].reverse()) await p.stop();
  };
  try {
    const nats = opts.servers?.nats ?? (await startBenchNats());
    if (nats.proc && !opts.servers) started.push(nats.proc);
    const redis = opts.servers?.redis ?? (await startBenchRedis());
    if (redis.proc && !opts.servers) started.push(redis.proc);
    const nodeOptions = (name: string): Record<string, string> => {
      const options = [
        opts.nodeOptions?.(name),
        name === 'gateway' ? process.env.BENCH_GATEWAY_NODE_OPTIONS : undefined,
      ]
        .filter(Boolean)
        .join(' ');
      return options ? { NODE_OPTIONS: options } : {};
    };
    const service = await startNodeProcess({
      name: 'bench-service',
      entry: BENCH_SERVICE,
      env: { ...opts.serverEnv, NATS_URL: nats.url, ...nodeOptions('bench-service') },
    });
    started.push(service.proc);
    const gateway = await startNodeProcess({
      name: 'gateway',
      entry: GATEWAY_ENTRY,
      env: {
        ...benchGatewayEnv({ natsUrl: nats.url, redisUrl: redis.url }),
        LOG_LEVEL: opts.serverEnv.LOG_LEVEL ?? 'warn',
        ...nodeOptions('gateway'),
      },
    });
    started.push(gateway.proc);
    return {
      baseUrl: `http://127.0.0.1:${gateway.ready.port}`,
      processes: [
        ...[...started].reverse(),
        ...(opts.servers ? [nats.proc, redis.proc].filter((p): p is ManagedProcess => p !== undefined) : []),
      ],
      notes: [nats.note, redis.note].filter((n): n is string => n !== undefined),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
