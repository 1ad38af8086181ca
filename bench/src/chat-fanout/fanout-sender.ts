// The fan-out sender (a child of the bench): one member of the room posting at a fixed rate; each
// message's text is the instant it was sent, so receivers can tell how long it took.
import { readFileSync } from 'node:fs';
import type { FanoutMode, RoomReady, SenderDone } from './fanout-protocol.ts';
import { ask, connectSocket } from './socket-client.ts';

const mode: FanoutMode = process.env.FANOUT_MODE === 'bare' ? 'bare' : 'chat';
const token =
  mode === 'chat' ? (JSON.parse(readFileSync(process.env.FANOUT_TOKENS_FILE!, 'utf8')) as string[])[0] : undefined;
const rate = Number(process.env.FANOUT_RATE ?? 20);
const warmupMs = Number(process.env.FANOUT_WARMUP_S ?? 2) * 1000;
const durationMs = Number(process.env.FANOUT_DURATION_S ?? 10) * 1000;

const sender = await connectSocket(process.env.FANOUT_GATEWAY!, token);
const roomId =
  mode === 'chat' ? (await ask<{ id: string }>(sender, 'chat:room:create', { kind: 'open', name: 'fanout' })).id : '';
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
    if (mode === 'chat')
      sender.emit('chat:message:send', { roomId, clientMsgId: `m${sent}`, text }, () => {
        if (measured) ackLatencies.push(Date.now() - now);
      });
    else sender.emit('msg', { text });
  }, 1000 / rate);
});
// The last acknowledgements are still on their way.
await new Promise((r) => setTimeout(r, 2_000));
process.send?.({ type: 'sent', measureFrom, sent, measuredSent, ackLatencies } satisfies SenderDone, () => {
  sender.close();
  process.disconnect?.();
});
