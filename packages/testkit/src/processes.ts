import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface NodeProcess {
  child: ChildProcess;
  /** Resolves with the first JSON log line (stdout) that `match` accepts. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Everything the process wrote, for failure messages. */
  output(): string;
}

/** Runs a TypeScript entry with this Node (24, type stripping), its env on top of ours. */
export function spawnNode(script: string, env: Record<string, string>): NodeProcess {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let text = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    text += `${line}\n`;
    try {
      lines.push(JSON.parse(line));
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk) => {
    text += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => text,
    waitForLog(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching log line within ${timeoutMs} ms; output:\n${text}`));
        }, timeoutMs);
        const gone = () => {
          cleanup();
          reject(new Error(`process exited before the log line; output:\n${text}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', gone);
        };
        waiters.add(check);
        child.once('exit', gone);
        check();
      });
    },
  };
}
