// The fan-out load generator (a child of the bench): connects the receivers over the gateways,
// then one sender posts at a fixed rate; every receiver notes how long each message took.
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string };
}
export interface FanoutResult {
  type: 'result';
  sent: number;
  expected: number;
  received: number;
  duplicates: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Send → acknowledgement of the sender's own request (chat only): the path before the fan-out. */
  ackP50Ms?: number;
  ackP99Ms?: number;
}

const mode = process.env.FANOUT_MODE === 'bare' ? 'bare' : 'chat';
const gateways = (process.env.FANOUT_GATEWAYS ?? '').split(',');
const tokens = mode === 'chat' ? (JSON.parse(readFileSync(process.env.FANOUT_TOKENS_FILE!, 'utf8')) as string[]) : [];
const clients = Number(process.env.FANOUT_CLIENTS ?? 1000);
const rate = Number(process.env.FANOUT_RATE ?? 20);
const warmupMs = Number(process.env.FANOUT_WARMUP_S ?? 2) * 1000;
const durationMs = Number(process.env.FANOUT_DURATION_S ?? 10) * 1000;
const event = mode === 'chat' ? 'chat:message:created' : 'msg';

function connect(url: string, token?: string): Promise<Socket> {
  const socket = io(url, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { auth: { token } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function ask<T>(socket: Socket, name: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(30_000).emitWithAck(name, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${name}: ${ack.error?.code}`);
  return ack.data as T;
}

const sender = await connect(gateways[0]!, tokens[0]);
const roomId =
  mode === 'chat' ? (await ask<{ id: string }>(sender, 'chat:room:create', { kind: 'open', name: 'fanout' })).id : '';

let measureFrom = Number.POSITIVE_INFINITY;
const latencies: number[] = [];
const seen = new Map<string, number>();
let duplicates = 0;
const receivers: Socket[] = [];
for (let i = 0; i < clients; i += 50) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(50, clients - i) }, (_, j) =>
      connect(gateways[(i + j) % gateways.length]!, tokens[i + j + 1]),
    ),
  );
  if (mode === 'chat') await Promise.all(batch.map((s) => ask(s, 'chat:room:join', { roomId })));
  for (const s of batch) {
    const id = s.id;
    s.on(event, (m: { text: string; id?: string }) => {
      const sentAt = Number(m.text);
      if (sentAt < measureFrom) return;
      const key = `${id}:${m.text}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) return void duplicates++;
      latencies.push(Date.now() - sentAt);
    });
  }
  receivers.push(...batch);
}

// Idle: the bench measures the gateways' memory now, then says go.
process.send?.({ type: 'connected' });
await new Promise<void>((resolve) => process.once('message', () => resolve()));

let sent = 0;
let measuredSent = 0;
const ackLatencies: number[] = [];
const start = Date.now();
measureFrom = start + warmupMs;
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
await new Promise((r) => setTimeout(r, 2_000));
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
latencies.sort((a, b) => a - b);
ackLatencies.sort((a, b) => a - b);
const at = (q: number) => quantile(latencies, q);
const result: FanoutResult = {
  type: 'result',
  sent,
  expected: measuredSent * clients,
  received: latencies.length,
  duplicates,
  p50Ms: at(0.5),
  p99Ms: at(0.99),
  maxMs: latencies.at(-1) ?? Number.NaN,
  ...(mode === 'chat' ? { ackP50Ms: quantile(ackLatencies, 0.5), ackP99Ms: quantile(ackLatencies, 0.99) } : {}),
};
process.send?.(result);
for (const s of [sender, ...receivers]) s.close();
process.disconnect?.();
