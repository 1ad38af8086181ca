// A gateway replica in its own process, so a test can kill it the way a crash would.
import { startGatewayReplica } from './gateway.ts';

const setup = JSON.parse(process.env.GATEWAY_SETUP ?? '{}');
const replica = await startGatewayReplica(setup, process.env.REPLICA_ID ?? 'child');
process.stdout.write(`${JSON.stringify({ url: replica.url })}\n`);
