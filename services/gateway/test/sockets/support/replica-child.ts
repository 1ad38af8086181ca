import { startCrashableReplica } from '../../support/processes.ts';

const script = new URL('./replica-process.ts', import.meta.url).pathname;

/** Starts a replica in a child process; `kill()` ends it with SIGKILL, as a crash would. */
export const startReplicaProcess = (env: Record<string, string>) => startCrashableReplica(script, env);
