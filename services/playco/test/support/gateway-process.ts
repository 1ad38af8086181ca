import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { GatewaySetup } from './gateway.ts';

const script = new URL('./gateway-replica-main.ts', import.meta.url).pathname;

/** A gateway replica in a child process; `kill()` ends it with SIGKILL, so nothing cleans up. */
export async function startGatewayProcess(setup: GatewaySetup, replicaId: string) {
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, GATEWAY_SETUP: JSON.stringify(setup), REPLICA_ID: replicaId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`gateway process exited with ${code}`);
    }),
  ])) as [string];
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
