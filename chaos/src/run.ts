/**
 * `npm run chaos [--quick] [--seed=N] [--only=<case>] [--list] [scenario...] [fuzz]`: brings up a private cluster
 * (scripts/cluster.ts on its own nats-server, redis-server and database), then runs each named
 * scenario under steady load (all of them when none is named) and, when asked, the contract
 * fuzzer. Prints what failed, how fast, how long recovery took and what was lost or doubled;
 * exits 1 on any loss, any 500, a hang or a recovery slower than its bound.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRedis } from '@seed/runtime';
import { startPrivateNats, startPrivateRedis, testServers } from '@seed/runtime/testing';
import { runFuzz } from './fuzz/run-fuzz.ts';
import { DEFAULT_RATES } from './load/steady-load.ts';
import { kindLines, problemLines, scenarioTable } from './report.ts';
import { SCENARIOS, SMOKE } from './scenarios/index.ts';
import { runScenario, type ScenarioResult } from './scenarios/run-scenario.ts';
import { directRoom, signUp } from './world/accounts.ts';
import { startCluster } from './world/cluster.ts';
import { createChaosDatabase } from './world/database.ts';
import { startSmsSink } from './world/sms-sink.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seed = Number(args.find((a) => a.startsWith('--seed='))?.slice(7) ?? 20_261_207);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const names = args.filter((a) => !a.startsWith('--'));
if (args.includes('--list')) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(24)}${s.what}`);
  console.log(`${'fuzz'.padEnd(24)}bad values for every operation and socket event of the API documents`);
  process.exit(0);
}
const unknown = names.filter((n) => n !== 'fuzz' && !SCENARIOS.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown scenario: ${unknown.join(', ')} (--list names them)`);
  process.exit(2);
}
const wanted = names.length ? names : quick ? [...SMOKE, 'fuzz'] : SCENARIOS.map((s) => s.name);
const scenarios = SCENARIOS.filter((s) => wanted.includes(s.name));

const logger = createLogger({ service: 'chaos', level: 'silent' });
const logDir = mkdtempSync(join(tmpdir(), 'seed-chaos-'));
const log = (line: string) => console.log(`[chaos] ${line}`);

const nats = await startPrivateNats();
const redisServer = await startPrivateRedis();
const database = await createChaosDatabase(testServers().databaseUrl);
const sms = await startSmsSink();
const redis = createRedis({ url: redisServer.url, name: 'chaos', logger });
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
let exitCode = 0;
try {
  log(
    `private nats ${nats.url}, redis ${redisServer.url}, database ${database.url.split('/').pop()}; logs in ${logDir}`,
  );
  cluster = await startCluster(
    {
      DATABASE_URL: database.url,
      REDIS_URL: redisServer.url,
      NATS_URL: nats.url,
      // As a developer runs it: the development mailbox and console routes are served (and fuzzed).
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SMS_DRIVER: 'webhook',
      SMS_WEBHOOK_URL: sms.url,
      ACCESS_TOKEN_TTL_SEC: '7200',
      LIMIT_MESSAGES_PER_IP_PER_HOUR: '1000000',
      LIMIT_SIGNUP_PER_IP_PER_HOUR: '1000000',
      LIMIT_LOGIN_PER_IP_PER_MIN: '1000000',
      LIMIT_AVAILABILITY_PER_IP_PER_MIN: '1000000',
      RATE_LIMIT_MAX: '1000000000',
      SEND_RATE_MAX: '100000',
      PUSH: 'off',
    },
    logDir,
  );
  log(`cluster up at ${cluster.baseUrl}`);
  const a = await signUp(cluster.baseUrl, sms.received);
  const b = await signUp(cluster.baseUrl, sms.received);
  const roomId = await directRoom(cluster.baseUrl, a, b);

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    log(`${scenario.name}: ${scenario.what}`);
    const result = await runScenario(scenario, {
      world: { cluster, nats, redisServer, redis, sms: sms.received },
      sql: database.sql,
      a,
      b,
      roomId,
      rates: DEFAULT_RATES,
      warmMs: quick ? 2_000 : 4_000,
      quietMs: 3_000,
      jobsSettleMs: 60_000,
    });
    results.push(result);
    log(`${scenario.name}: ${result.problems.length ? `FAIL (${result.problems.join('; ')})` : 'pass'}`);
  }
  const fuzz = wanted.includes('fuzz')
    ? await runFuzz({ baseUrl: cluster.baseUrl, token: a.accessToken, seed, quick, log, ...(only ? { only } : {}) })
    : undefined;

  console.log('');
  if (results.length) console.log(`${scenarioTable(results)}\n\n${kindLines(results).join('\n')}`);
  if (fuzz) console.log(`\n${fuzz.summary}`);
  const problems = [...problemLines(results), ...(fuzz?.problems ?? [])];
  mkdirSync(join(import.meta.dirname, '..', 'results'), { recursive: true });
  const file = join(import.meta.dirname, '..', 'results', 'last-run.json');
  writeFileSync(file, JSON.stringify({ seed, scenarios: results, fuzz, supervisor: cluster.lines() }, null, 2));
  console.log(`\nwritten to ${file}`);
  if (problems.length) {
    exitCode = 1;
    console.log(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  } else console.log('\nno loss, no 500, every recovery within its bound');
} catch (err) {
  exitCode = 1;
  console.error(err);
} finally {
  await cluster?.stop();
  redis.disconnect();
  await sms.stop();
  await database.drop().catch((err) => console.error(`database not dropped: ${(err as Error).message}`));
  await redisServer.stop();
  await nats.stop();
}
process.exit(exitCode);
