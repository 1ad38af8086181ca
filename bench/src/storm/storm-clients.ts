// The connection storm's users (a child of the bench): each has a socket and a room of its own.
// On `go` every socket reconnects within `spreadMs`; a socket counts as back in its room when a
// beacon delivered to that room reaches it. Beacons are published on NATS as a service would
// (`gateway.socket.deliver`), every 50 ms, for the rooms of sockets that connected but have not
// heard one yet — so a socket that is back costs nothing more.
import { readFileSync } from 'node:fs';
import { messageCreatedSocket } from '@seed/contracts';
import { connectNats, createLogger, deliverToSockets } from '@seed/runtime';
import { connectLean, type LeanSocket } from '../chat-fanout/lean-socket-client.ts';
import { openInBatches } from '../chat-fanout/open-in-batches.ts';
import type { StormDone, StormGo, StormReady } from './storm-protocol.ts';

const BEACON_MS = 50;
/** A socket not back in its room by then counts as not back. */
const GIVE_UP_MS = 60_000;
const MAX_ROOMS_PER_BEACON = 10_000;
const url = process.env.STORM_GATEWAY!;
const tokens = JSON.parse(readFileSync(process.env.STORM_TOKENS_FILE!, 'utf8')) as string[];
const logger = createLogger({ service: 'bench-storm', level: 'warn' });
const nc = await connectNats({ url: process.env.NATS_URL!, name: 'bench-storm', logger });

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string };
}
const ask = async <T>(socket: LeanSocket, event: string, payload: unknown): Promise<T> => {
  const ack = (await socket.ask(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error?.code}`);
  return ack.data as T;
};

// Set-up: every user makes a room of its own; the first posts a message, whose shape the beacons reuse.
const rooms: string[] = [];
let sample: unknown;
const first = await openInBatches(tokens.length, async (i) => {
  const socket = await connectLean(url, tokens[i]);
  rooms[i] = (await ask<{ id: string }>(socket, 'chat:room:create', { kind: 'group', name: `storm ${i}` })).id;
  return socket;
});
sample = await ask(first[0]!, 'chat:message:send', { roomId: rooms[0], clientMsgId: 'storm-sample', text: 'beacon' });
for (const s of first) s.close();
await new Promise((r) => setTimeout(r, 2_000));
process.send?.({ type: 'ready' } satisfies StormReady);

const go = await new Promise<StormGo>((resolve) => process.once('message', resolve));
const startedAt = Date.now();
const connectedMs: number[] = [];
const inRoomMs: number[] = [];
const sockets: LeanSocket[] = [];
let failed = 0;
const waiting = new Set<number>();
const beacon = setInterval(() => {
  const pending = [...waiting].slice(0, MAX_ROOMS_PER_BEACON).map((i) => `room:${rooms[i]}`);
  if (pending.length) deliverToSockets(nc, messageCreatedSocket, { rooms: pending }, sample as never);
}, BEACON_MS);
const back = Promise.all(
  tokens.map(
    (token, i) =>
      new Promise<void>((resolve) => {
        setTimeout(
          async () => {
            try {
              const socket = await connectLean(url, token);
              sockets.push(socket);
              connectedMs[i] = Date.now() - startedAt;
              socket.on(messageCreatedSocket.event, () => {
                if (!waiting.delete(i)) return;
                inRoomMs[i] = Date.now() - startedAt;
                resolve();
              });
              waiting.add(i);
            } catch {
              failed++;
              resolve();
            }
          },
          (i * go.spreadMs) / tokens.length,
        );
      }),
  ),
);
await Promise.race([back, new Promise((r) => setTimeout(r, GIVE_UP_MS))]);
clearInterval(beacon);
process.send?.({ type: 'done', startedAt, connectedMs, inRoomMs, failed } satisfies StormDone, () => {
  for (const s of sockets) s.close();
  void nc.drain().then(() => process.disconnect?.());
});
