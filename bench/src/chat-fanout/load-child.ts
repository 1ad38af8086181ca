import { processCpuMs } from '../lib/cpu.ts';
import { forkNodeProcess } from '../lib/processes.ts';

/** A load generator process the bench talks to over IPC. */
export interface LoadChild {
  readonly pid: number;
  /** The next message of this type; rejects if the child exits or stays silent first. */
  next<M extends { type: string }>(type: M['type']): Promise<M>;
  send(msg: object): void;
  cpuMs(): number;
  /** Stops listening; the child ends by itself once it has said its last word. */
  done(): void;
  /** Stops listening and asks the child to end (SIGTERM), for children that serve until told. */
  stop(): void;
}

const SILENCE_LIMIT_MS = 600_000;

export function startLoadChild(entryPath: string, env: Record<string, string>): LoadChild {
  const name = entryPath.split('/').pop()!;
  const proc = forkNodeProcess(name, entryPath, env);
  const { child } = proc;
  const inbox: { type: string }[] = [];
  const waiting: { type: string; resolve: (m: { type: string }) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
    fail(new Error(`load generator ${name} timed out: ${proc.output()}`));
  }, SILENCE_LIMIT_MS);
  const onExit = (code: number | null) =>
    fail(new Error(`load generator ${name} exited (${code}) early: ${proc.output()}`));
  // 'close', not 'exit': a child's last IPC messages may still be on their way when it exits.
  child.once('close', onExit);
  child.on('message', (msg: { type: string }) => {
    const i = waiting.findIndex((w) => w.type === msg.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(msg);
    else inbox.push(msg);
  });
  return {
    pid: proc.pid,
    next<M extends { type: string }>(type: M['type']) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as M);
      if (failure) return Promise.reject(failure);
      return new Promise<M>((resolve, reject) =>
        waiting.push({ type, resolve: resolve as (m: { type: string }) => void, reject }),
      );
    },
    send: (msg) => child.send(msg),
    cpuMs: () => processCpuMs(proc.pid) ?? Number.NaN,
    done() {
      clearTimeout(timer);
      child.off('close', onExit);
    },
    stop() {
      this.done();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
