/**
 * Runs every service of the workspace as its own process against local infrastructure, waits until
 * each reports ready, prints the gateway URL and stops them all (SIGTERM, then SIGKILL) on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDevSecrets } from '../packages/runtime/src/cli/dev-secrets.ts';

const root = join(import.meta.dirname, '..');
const gatewayPort = Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 8080);
const opsPortBase = Number(process.env.OPS_PORT_BASE ?? 9100);
const order = ['auth', 'playco', 'chat', 'cards', 'worker', 'gateway'];
const services = order.filter((s) => existsSync(join(root, 'services', s, 'src', 'main.ts')));
const logDir = join(root, '.run', 'logs');
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

interface Running {
  name: string;
  child: ChildProcess;
  opsUrl: string;
  readyUrl: string;
}

function start(name: string, index: number): Running {
  const opsPort = opsPortBase + index;
  const env = {
    ...process.env,
    ...shared,
    OPS_PORT: String(opsPort),
    ...(name === 'gateway' ? { PORT: String(gatewayPort) } : {}),
  };
  const child = spawn(process.execPath, [join('services', name, 'src', 'main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(file);
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`${name.padEnd(8)}| ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the cluster`);
      void stopAll(1);
    }
  });
  return {
    name,
    child,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    readyUrl: `http://127.0.0.1:${name === 'gateway' ? gatewayPort : opsPort}/readyz`,
  };
}

async function waitReady(r: Running, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(r.readyUrl).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${r.name} did not become ready (${r.readyUrl})`);
}

let stopping = false;
const running: Running[] = [];
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('stopping the cluster…');
  for (const r of [...running].reverse()) r.child.kill('SIGTERM');
  const exited = Promise.all(
    running.map((r) => (r.child.exitCode !== null ? undefined : new Promise((res) => r.child.once('exit', res)))),
  );
  const timedOut = await Promise.race([exited.then(() => false), sleep(20_000).then(() => true)]);
  if (timedOut) for (const r of running) r.child.kill('SIGKILL');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

for (const [i, name] of services.entries()) running.push(start(name, i));
try {
  for (const r of running) await waitReady(r);
} catch (err) {
  console.error((err as Error).message);
  await stopAll(1);
}
console.log('');
for (const r of running) console.log(`${r.name.padEnd(8)} ready  (ops ${r.opsUrl}: /healthz /readyz /metrics)`);
console.log(`Seed is up: ${services.join(', ')}`);
console.log(`gateway  ${gatewayUrl}  (API docs: /docs, socket path: /api/v1/ws)`);
console.log(`console  ${gatewayUrl}/console/   mailbox  ${gatewayUrl}/dev/mailbox`);
console.log(`logs     ${logDir}\nCtrl-C stops everything.\n`);
