/**
 * Runs every service of the workspace as its own process against local infrastructure, waits until
 * each reports ready, prints the gateway URL, restarts a process that crashes (with back-off, and
 * says so), and stops them all (SIGTERM, then SIGKILL) on Ctrl-C.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevSecrets } from '../packages/runtime/src/cli/dev-secrets.ts';
import { createSupervisor, type ProgramSpec } from './lib/supervisor.ts';

const root = join(import.meta.dirname, '..');
const gatewayPort = Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 8080);
const opsPortBase = Number(process.env.OPS_PORT_BASE ?? 9100);
const order = ['auth', 'playco', 'chat', 'cards', 'worker', 'gateway'];
const services = order.filter((s) => existsSync(join(root, 'services', s, 'src', 'main.ts')));
const logDir = process.env.CLUSTER_LOG_DIR ?? join(root, '.run', 'logs');
mkdirSync(logDir, { recursive: true });

/** Secrets a developer machine needs: made once, kept in .run/ (ignored by git), never defaulted in code. */
function devSecrets(): Record<string, string> {
  const secrets = ensureDevSecrets(['AUTH_KEYS_SECRET']);
  return Object.fromEntries(Object.entries(secrets).filter(([k]) => !process.env[k]));
}

const gatewayUrl = `http://localhost:${gatewayPort}`;
/** Where clients reach the gateway: upload URLs and emailed links start with it. */
const publicUrls = {
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? gatewayUrl,
  EMAIL_VERIFY_URL: process.env.EMAIL_VERIFY_URL ?? `${gatewayUrl}/console/?action=verify-email`,
  PASSWORD_RESET_URL: process.env.PASSWORD_RESET_URL ?? `${gatewayUrl}/console/?action=reset-password`,
};

const shared = {
  ...devSecrets(),
  ...publicUrls,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/seed',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};

const programOf = (name: string, index: number): ProgramSpec => {
  const opsPort = opsPortBase + index;
  return {
    name,
    args: [join('services', name, 'src', 'main.ts')],
    env: {
      ...process.env,
      ...shared,
      OPS_PORT: String(opsPort),
      ...(name === 'gateway' ? { PORT: String(gatewayPort) } : {}),
    },
    readyUrl: `http://127.0.0.1:${name === 'gateway' ? gatewayPort : opsPort}/readyz`,
  };
};

const supervisor = createSupervisor({
  cwd: root,
  logDir,
  print: (name, line) => process.stdout.write(`${name.padEnd(8)}| ${line}\n`),
});

let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('stopping the cluster…');
  await supervisor.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const programs = services.map(programOf);
for (const program of programs) supervisor.start(program);
try {
  for (const program of programs) await supervisor.waitReady(program);
} catch (err) {
  console.error((err as Error).message);
  await stopAll(1);
}
console.log('');
for (const p of programs) {
  const ops = `http://127.0.0.1:${p.env.OPS_PORT}`;
  console.log(`${p.name.padEnd(8)} ready  (ops ${ops}: /healthz /readyz /metrics)`);
}
console.log(`Seed is up: ${services.join(', ')}`);
console.log(`gateway  ${gatewayUrl}  (API docs: /docs, socket path: /api/v1/ws)`);
console.log(`console  ${gatewayUrl}/console/   mailbox  ${gatewayUrl}/dev/mailbox`);
console.log(`logs     ${logDir}\nA process that crashes is started again. Ctrl-C stops everything.\n`);
