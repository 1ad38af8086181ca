// One of the fan-out's receiver processes (children of the bench): connects its share of the room's
// members, each joining the room, and notes for every delivery when it was sent and how long it took.
// The receivers are spread over processes so that the load generator is not what serializes them.
import { readFileSync } from 'node:fs';
import { type Deliveries, deliveredEvent, type FanoutMode, type ReceiversConnected } from './fanout-protocol.ts';
import { connectLean, type LeanSocket } from './lean-socket-client.ts';
import { openInBatches } from './open-in-batches.ts';

const mode: FanoutMode = process.env.FANOUT_MODE === 'bare' ? 'bare' : 'chat';
const gateways = process.env.FANOUT_GATEWAYS!.split(',');
const tokens = mode === 'chat' ? (JSON.parse(readFileSync(process.env.FANOUT_TOKENS_FILE!, 'utf8')) as string[]) : [];
/** This process's receivers are the room's members `first`, `first + step`, … below `clients`. */
const first = Number(process.env.FANOUT_FIRST);
const step = Number(process.env.FANOUT_STEP);
const clients = Number(process.env.FANOUT_CLIENTS);
const roomId = process.env.FANOUT_ROOM ?? '';

const members = Array.from({ length: Math.ceil((clients - first) / step) }, (_, k) => first + k * step);
const sentAt: number[] = [];
const latencyMs: number[] = [];
let duplicates = 0;

async function join(member: number): Promise<LeanSocket> {
  // Token 0 is the sender's.
  const socket = await connectLean(gateways[member % gateways.length]!, tokens[member + 1]);
  if (mode === 'chat') {
    const ack = (await socket.ask('chat:room:join', { roomId })) as { ok: boolean; error?: { code: string } };
    if (!ack.ok) throw new Error(`chat:room:join: ${ack.error?.code}`);
  }
  const seen = new Set<number>();
  socket.on(deliveredEvent(mode), (m) => {
    const at = Number((m as { text: string }).text);
    if (seen.has(at)) return void duplicates++;
    seen.add(at);
    sentAt.push(at);
    latencyMs.push(Date.now() - at);
  });
  return socket;
}

const sockets = await openInBatches(members.length, (k) => join(members[k]!));

process.send?.({ type: 'connected' } satisfies ReceiversConnected);
await new Promise<void>((resolve) => process.once('message', () => resolve()));
// A large message: the channel closes only once it has gone.
process.send?.({ type: 'deliveries', sentAt, latencyMs, duplicates } satisfies Deliveries, () => {
  for (const s of sockets) s.close();
  process.disconnect?.();
});
