import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ManagedProcess } from './processes.ts';

type LoopDelayMessage = { type: 'loop-delay-reset' } | { type: 'loop-delay-read' };
interface LoopDelayReply {
  type: 'loop-delay';
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const RESOLUTION_MS = 1;

/**
 * In a server child: samples its event loop every millisecond and answers the bench's requests
 * (over IPC) for the delay seen since the last reset. The figures are the lateness of each sample,
 * the sampling interval taken out.
 */
export function serveLoopDelay(): void {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  process.on('message', (msg: LoopDelayMessage) => {
    if (msg?.type === 'loop-delay-reset') histogram.reset();
    if (msg?.type === 'loop-delay-read')
      process.send?.({
        type: 'loop-delay',
        p50Ms: late(histogram.percentile(50)),
        p99Ms: late(histogram.percentile(99)),
        maxMs: late(histogram.max),
      } satisfies LoopDelayReply);
  });
}

export const resetLoopDelay = (proc: ManagedProcess): void => {
  proc.child.send({ type: 'loop-delay-reset' } satisfies LoopDelayMessage);
};

/** The event-loop delay a `serveLoopDelay` child saw since its last reset. */
export function readLoopDelay(proc: ManagedProcess): Promise<Omit<LoopDelayReply, 'type'>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${proc.name} did not report its event-loop delay`)), 5_000);
    const onMessage = (msg: LoopDelayReply) => {
      if (msg?.type !== 'loop-delay') return;
      clearTimeout(timer);
      proc.child.off('message', onMessage);
      const { type: _, ...delay } = msg;
      resolve(delay);
    };
    proc.child.on('message', onMessage);
    proc.child.send({ type: 'loop-delay-read' } satisfies LoopDelayMessage);
  });
}
