import { processCpuMs } from '../lib/cpu.ts';
import type { ManagedProcess } from '../lib/processes.ts';
import type { Deliveries, FanoutMode, ReceiversConnected, RoomReady, SenderDone } from './fanout-protocol.ts';
import { type LoadChild, startLoadChild } from './load-child.ts';

const entry = (path: string) => new URL(path, import.meta.url).pathname;
const SENDER_ENTRY = entry('./fanout-sender.ts');
const RECEIVERS_ENTRY = entry('./fanout-receivers.ts');

export interface FanoutResult {
  sent: number;
  expected: number;
  received: number;
  duplicates: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Send → the first socket that got each message: the path before the fan-out. */
  firstP50Ms: number;
  firstP99Ms: number;
  /** Send → acknowledgement of the sender's own post (chat only). */
  ackP50Ms?: number;
  ackP99Ms?: number;
}

export interface FanoutRun {
  result: FanoutResult;
  /** CPU ms of each server process, and of the receivers together, while the sender ran. */
  cpuMs: Record<string, number>;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * One sender posting to a room whose members are spread over `receiverProcesses` processes; the
 * servers' CPU time is read from the first post to the last acknowledgement.
 */
export async function runFanout(opts: {
  mode: FanoutMode;
  urls: string[];
  tokensFile?: string;
  clients: number;
  rate: number;
  warmupS: number;
  durationS: number;
  receiverProcesses: number;
  servers: ManagedProcess[];
}): Promise<FanoutRun> {
  const env: Record<string, string> = {
    FANOUT_MODE: opts.mode,
    FANOUT_CLIENTS: String(opts.clients),
    FANOUT_RATE: String(opts.rate),
    FANOUT_WARMUP_S: String(opts.warmupS),
    FANOUT_DURATION_S: String(opts.durationS),
    FANOUT_GATEWAY: opts.urls[0]!,
    FANOUT_GATEWAYS: opts.urls.join(','),
    ...(opts.tokensFile ? { FANOUT_TOKENS_FILE: opts.tokensFile } : {}),
  };
  const children: LoadChild[] = [];
  try {
    const sender = startLoadChild(SENDER_ENTRY, env);
    children.push(sender);
    const { roomId } = await sender.next<RoomReady>('room');
    const receivers = Array.from({ length: opts.receiverProcesses }, (_, p) =>
      startLoadChild(RECEIVERS_ENTRY, {
        ...env,
        FANOUT_ROOM: roomId,
        FANOUT_FIRST: String(p),
        FANOUT_STEP: String(opts.receiverProcesses),
      }),
    );
    children.push(...receivers);
    await Promise.all(receivers.map((r) => r.next<ReceiversConnected>('connected')));

    const cpuNow = () => ({
      ...Object.fromEntries(opts.servers.map((p) => [p.name, processCpuMs(p.pid) ?? Number.NaN])),
      receivers: receivers.reduce((sum, r) => sum + r.cpuMs(), 0),
    });
    const atGo = cpuNow();
    sender.send({ type: 'go' });
    const done = await sender.next<SenderDone>('sent');
    const atEnd = cpuNow();
    for (const r of receivers) r.send({ type: 'report' });
    const deliveries = await Promise.all(receivers.map((r) => r.next<Deliveries>('deliveries')));
    const cpuMs = Object.fromEntries(
      Object.entries(atEnd).map(([name, ms]) => [name, ms - (atGo[name as keyof typeof atGo] ?? 0)]),
    );
    return { result: summarize(done, deliveries, opts.clients, opts.mode), cpuMs };
  } finally {
    for (const c of children) c.done();
  }
}

function summarize(done: SenderDone, deliveries: Deliveries[], clients: number, mode: FanoutMode): FanoutResult {
  const latencies: number[] = [];
  const firstBySentAt = new Map<number, number>();
  let duplicates = 0;
  for (const d of deliveries) {
    duplicates += d.duplicates;
    d.sentAt.forEach((at, i) => {
      if (at < done.measureFrom) return;
      const latency = d.latencyMs[i]!;
      latencies.push(latency);
      if (latency < (firstBySentAt.get(at) ?? Number.POSITIVE_INFINITY)) firstBySentAt.set(at, latency);
    });
  }
  latencies.sort((a, b) => a - b);
  const firsts = [...firstBySentAt.values()].sort((a, b) => a - b);
  const acks = [...done.ackLatencies].sort((a, b) => a - b);
  return {
    sent: done.sent,
    expected: done.measuredSent * clients,
    received: latencies.length,
    duplicates,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    firstP50Ms: quantile(firsts, 0.5),
    firstP99Ms: quantile(firsts, 0.99),
    ...(mode === 'chat' ? { ackP50Ms: quantile(acks, 0.5), ackP99Ms: quantile(acks, 0.99) } : {}),
  };
}
