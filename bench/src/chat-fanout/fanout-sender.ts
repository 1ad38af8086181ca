// The fan-out sender (a child of the bench): one member of the room posting at a fixed rate; each
// message's text is the instant it was sent, so receivers can tell how long it took.
import { readFileSync } from 'node:fs';
import { createClient } from '@seed/client';
import type { FanoutMode, RoomReady, SenderDone } from './fanout-protocol.ts';
import { connectSocket } from './socket-client.ts';

const mode: FanoutMode = process.env.FANOUT_MODE === 'bare' ? 'bare' : 'chat';
const token =
  mode === 'chat' ? (JSON.parse(readFileSync(process.env.FANOUT_TOKENS_FILE!, 'utf8')) as string[])[0] : undefined;
const rate = Number(process.env.FANOUT_RATE ?? 20);
const warmupMs = Number(process.env.FANOUT_WARMUP_S ?? 2) * 1000;
const durationMs = Number(process.env.FANOUT_DURATION_S ?? 10) * 1000;

const gateway = process.env.FANOUT_GATEWAY!;
// The product's sender is the typed client; the bare server speaks its own event.
const seed = mode === 'chat' ? createClient({ baseUrl: gateway, tokens: { accessToken: token! } }).socket() : undefined;
const bare = mode === 'bare' ? await connectSocket(gateway) : undefined;
await seed?.connected();
const roomId = seed ? (await seed.emit('chat:room:create', { kind: 'open', name: 'fanout' })).id : '';
process.send?.({ type: 'room', roomId } satisfies RoomReady);
await new Promise<void>((resolve) => process.once('message', () => resolve()));

let sent = 0;
let measuredSent = 0;
const ackLatencies: number[] = [];
const measureFrom = Date.now() + warmupMs;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const now = Date.now();
    if (now >= measureFrom + durationMs) {
      clearInterval(timer);
      return resolve();
    }
    const measured = now >= measureFrom;
    sent++;
    if (measured) measuredSent++;
    const text = String(now);
    if (seed)
      void seed.emit('chat:message:send', { roomId, clientMsgId: `m${sent}`, text }).then(
        () => measured && ackLatencies.push(Date.now() - now),
        () => {},
      );
    else bare?.emit('msg', { text });
  }, 1000 / rate);
});
// The last acknowledgements are still on their way.
await new Promise((r) => setTimeout(r, 2_000));
process.send?.({ type: 'sent', measureFrom, sent, measuredSent, ackLatencies } satisfies SenderDone, () => {
  seed?.close();
  bare?.close();
  process.disconnect?.();
});
