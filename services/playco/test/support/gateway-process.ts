import { startCrashableReplica } from '../../../gateway/test/support/processes.ts';
import type { GatewaySetup } from './gateway.ts';

const script = new URL('./gateway-replica-main.ts', import.meta.url).pathname;

/** A gateway replica in a child process; `kill()` ends it with SIGKILL, so nothing cleans up. */
export const startGatewayProcess = (setup: GatewaySetup, replicaId: string) =>
  startCrashableReplica(script, { GATEWAY_SETUP: JSON.stringify(setup), REPLICA_ID: replicaId });
