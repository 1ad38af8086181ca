import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = {
  keys: fileURLToPath(new URL('../../src/keys-cli.ts', import.meta.url)),
  unlock: fileURLToPath(new URL('../../src/unlock-cli.ts', import.meta.url)),
};

export interface CliRun {
  /** Exit code; -1 when the process was killed. */
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run auth:keys …` as its own process; see runAuthCli. */
export const runKeysCli = (args: string[], env: Record<string, string>) => runAuthCli('keys', args, env);

/**
 * Runs an operator command of auth (`npm run auth:<command> …`) as its own Node process,
 * configured by `env` alone (plus PATH), as an operator would run it against a deployment.
 */
export function runAuthCli(command: keyof typeof CLI, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI[command], ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = !err ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The kid the `rotate` command announced (`new key <kid> published; …`). */
export const rotatedKid = (stdout: string): string | undefined => stdout.match(/^new key (\S+) published/m)?.[1];

/** Each listed key's state by kid, from the `list` (and `rotate`) output. */
export function listedKeys(stdout: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = line.match(/^(\S+) {2}\S+ {2}(pending|signing|published|expired)\s+activates /);
    if (m) keys.set(m[1]!, m[2]!);
  }
  return keys;
}
