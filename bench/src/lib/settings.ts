import { parseArgs } from 'node:util';
import { z } from 'zod';

/** How hard and how long every scenario of one run loads its servers. */
export interface BenchSettings {
  connections: number;
  warmupS: number;
  durationS: number;
  /** postgres.js pool size of every server that queries PostgreSQL. */
  poolSize: number;
  databaseUrl: string;
  quick: boolean;
}

const Env = z.object({
  BENCH_DURATION_S: z.coerce.number().positive().default(10),
  BENCH_WARMUP_S: z.coerce.number().min(0).default(2),
  BENCH_CONNECTIONS: z.coerce.number().int().positive().default(50),
  // Default: one connection per concurrent request. A smaller pool makes postgres.js pipeline onto
  // busy connections, and its queues then slow down more every second (porsager/postgres#747).
  BENCH_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/seed'),
});

export const USAGE = `usage: pnpm bench [--quick] [--list] [scenario...]
  --quick   short smoke run (1 s warm-up, 3 s measured)
  --list    print the scenarios and exit
env: BENCH_DURATION_S (10), BENCH_WARMUP_S (2), BENCH_CONNECTIONS (50), BENCH_POOL_SIZE (= connections),
     DATABASE_URL, BENCH_NATS_URL / BENCH_REDIS_URL (default: private servers), BENCH_LOG_LEVEL (warn)`;

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const e = parsed.data;
  const settings: BenchSettings = {
    connections: e.BENCH_CONNECTIONS,
    warmupS: values.quick ? 1 : e.BENCH_WARMUP_S,
    durationS: values.quick ? 3 : e.BENCH_DURATION_S,
    poolSize: e.BENCH_POOL_SIZE ?? Math.min(100, e.BENCH_CONNECTIONS),
    databaseUrl: e.DATABASE_URL,
    quick: values.quick,
  };
  return { settings, scenarios: positionals, list: values.list, help: values.help };
}
