import { type ChildProcess, fork, spawn } from 'node:child_process';

/** A child process the bench started; every one is stopped when the bench exits, however it exits. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Settles with the exit code (or signal name) whenever the process exits. */
  readonly exited: Promise<string>;
  /** The last lines the process wrote, for the report when it fails. */
  output(): string;
  /** SIGTERM, then SIGKILL if it is still alive after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** What a Node child sends over IPC once it serves. */
export interface ReadyMessage {
  type: 'ready';
  port?: number;
}

const live = new Set<ManagedProcess>();
const OUTPUT_LIMIT = 16 * 1024;

function manage(name: string, child: ChildProcess): ManagedProcess {
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
    child.once('error', (err) => resolve(err.message));
  });
  const proc: ManagedProcess = {
    name,
    pid: child.pid,
    child,
    exited,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      live.delete(proc);
    },
  };
  live.add(proc);
  void exited.then(() => live.delete(proc));
  return proc;
}

/** Forks a TypeScript entry on this Node (`process.execPath`) with an IPC channel, stopped with the bench. */
export function forkNodeProcess(name: string, entry: string, env: Record<string, string>): ManagedProcess {
  const child = fork(entry, [], {
    execPath: process.execPath,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return manage(name, child);
}

/**
 * Starts a TypeScript entry on this Node and waits until it sends `ready` over IPC; an exit or
 * silence before that is an error carrying the child's output.
 */
export async function startNodeProcess(opts: {
  name: string;
  entry: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<{ proc: ManagedProcess; ready: ReadyMessage }> {
  const proc = forkNodeProcess(opts.name, opts.entry, opts.env);
  const { child } = proc;
  try {
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${opts.name} not ready after ${opts.readyTimeoutMs ?? 20_000} ms`)),
        opts.readyTimeoutMs ?? 20_000,
      );
      child.on('message', (msg: ReadyMessage) => {
        if (msg?.type !== 'ready') return;
        clearTimeout(timer);
        resolve(msg);
      });
      void proc.exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`${opts.name} exited (${how}) before it was ready`));
      });
    });
    return { proc, ready };
  } catch (err) {
    await proc.stop(1_000);
    throw new ProcessFailedError((err as Error).message, proc.output());
  }
}

/** Starts a program without an IPC channel; `ready` resolves once it serves. */
export async function startCommand(opts: {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  ready: (proc: ManagedProcess) => Promise<void>;
}): Promise<ManagedProcess> {
  const proc = manage(
    opts.name,
    spawn(opts.command, opts.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    }),
  );
  try {
    await Promise.race([
      opts.ready(proc),
      proc.exited.then((how) => {
        throw new Error(`${opts.name} exited (${how}) before it was ready`);
      }),
    ]);
    return proc;
  } catch (err) {
    await proc.stop(1_000);
    throw new ProcessFailedError((err as Error).message, proc.output());
  }
}

export class ProcessFailedError extends Error {
  readonly output: string;

  constructor(message: string, output: string) {
    super(message);
    this.name = 'ProcessFailedError';
    this.output = output;
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
}

/**
 * Stops every child on Ctrl-C or SIGTERM (exit 130/143), and kills any left at exit, so no server
 * outlives the bench.
 */
export function stopChildrenOnExit(): void {
  process.on('exit', () => {
    for (const p of live) p.child.kill('SIGKILL');
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers\n`);
      void stopAll().finally(() => process.exit(code));
    });
  }
}
