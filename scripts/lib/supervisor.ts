import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

/** One process the supervisor keeps running. */
export interface ProgramSpec {
  name: string;
  /** Arguments to this Node (the entry script first). */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Where `/readyz` answers once the process serves. */
  readyUrl: string;
}

export interface Supervised {
  spec: ProgramSpec;
  /** The process running now (a new one after each restart). */
  child(): ChildProcess;
}

export interface SupervisorOptions {
  cwd: string;
  logDir: string;
  /** Each line a process writes, and each thing the supervisor does. */
  print(name: string, line: string): void;
  /** First delay before a restart; doubled after each crash, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A process up this long counts as healthy again: its next crash restarts after `backoffMs`. */
  stableMs?: number;
}

const ready = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.ok,
    () => false,
  );

/**
 * Runs programs as child processes and restarts one that exits while not stopping, with
 * exponential back-off, saying so; `stop` ends them all (SIGTERM, then SIGKILL).
 */
export function createSupervisor(opts: SupervisorOptions) {
  const backoffMs = opts.backoffMs ?? 500;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  const stableMs = opts.stableMs ?? 30_000;
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;

  function launch(spec: ProgramSpec, restarts = 0, lastDelayMs = 0): void {
    const child = spawn(process.execPath, spec.args, {
      cwd: opts.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.set(spec.name, child);
    const startedAt = Date.now();
    opts.print(spec.name, `${restarts ? 'restarted' : 'started'} (pid ${child.pid})`);
    const file = createWriteStream(join(opts.logDir, `${spec.name}.log`), { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.pipe(file);
      stream?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line) opts.print(spec.name, line);
      });
    }
    if (restarts) void announceReady(spec, child);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      // Crashing again soon after a restart waits longer each time; a long healthy run starts over.
      const stable = Date.now() - startedAt >= stableMs;
      const delay = stable || lastDelayMs === 0 ? backoffMs : Math.min(lastDelayMs * 2, maxBackoffMs);
      opts.print(spec.name, `exited (${signal ?? code}); restarting in ${delay} ms`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) launch(spec, restarts + 1, delay);
      }, delay);
      timers.add(timer);
    });
  }

  async function announceReady(spec: ProgramSpec, child: ChildProcess) {
    while (!stopping && running.get(spec.name) === child && child.exitCode === null) {
      if (await ready(spec.readyUrl)) {
        opts.print(spec.name, 'ready again');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  return {
    start(spec: ProgramSpec): Supervised {
      launch(spec);
      return { spec, child: () => running.get(spec.name) as ChildProcess };
    },

    /** Resolves once `spec` answers ready, or throws after `timeoutMs`. */
    async waitReady(spec: ProgramSpec, timeoutMs = 60_000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (await ready(spec.readyUrl)) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`${spec.name} did not become ready (${spec.readyUrl})`);
    },

    /** SIGTERM to every process (last started first), SIGKILL to those still up after `graceMs`. */
    async stop(graceMs = 20_000): Promise<void> {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      const children = [...running.values()].reverse();
      for (const child of children) child.kill('SIGTERM');
      const exited = Promise.all(
        children.map((c) =>
          c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)),
        ),
      );
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, graceMs, true)),
      ]);
      if (timedOut) for (const child of children) child.kill('SIGKILL');
    },
  };
}
