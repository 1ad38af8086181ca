// The idle-memory load generator (a child of the bench): opens authenticated sockets on one server
// and leaves them idle. A first batch warms the server up (code compiled, buffers and pools grown),
// the bench reads its memory, then the rest connect and it reads it again: the difference is what
// each further socket costs, without the server's fixed overhead.
import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { openInBatches } from './open-in-batches.ts';
import { connectSocket } from './socket-client.ts';

export type IdleMessage = { type: 'warm' } | { type: 'connected' };

const url = process.env.IDLE_URL!;
const tokens = process.env.IDLE_TOKENS_FILE
  ? (JSON.parse(readFileSync(process.env.IDLE_TOKENS_FILE, 'utf8')) as string[])
  : undefined;
const sockets = Number(process.env.IDLE_SOCKETS ?? 2000);
const warmup = Number(process.env.IDLE_WARMUP_SOCKETS ?? 200);

const open: Socket[] = [];
const track = (socket: Socket) => void open.push(socket);
const connectRange = (from: number, to: number) =>
  openInBatches(to - from, (i) => connectSocket(url, tokens?.[from + i], track));

const next = () => new Promise<void>((resolve) => process.once('message', () => resolve()));

await connectRange(0, warmup);
process.send?.({ type: 'warm' } satisfies IdleMessage);
await next();
await connectRange(warmup, warmup + sockets);
process.send?.({ type: 'connected' } satisfies IdleMessage);
await next();
for (const s of open) s.close();
process.disconnect?.();
