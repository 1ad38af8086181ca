// Loaded into a server under test with `--import` (and `--expose-gc`): answers the bench's
// `memory` request over IPC with the process's memory as V8 and Node see it, before and after a
// full collection, and writes a heap snapshot when asked for one.
import v8 from 'node:v8';
import type { MemoryReply, MemoryRequest } from './memory-protocol.ts';

const mb = (bytes: number) => bytes / 1024 / 1024;

function reading() {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(
    v8
      .getHeapSpaceStatistics()
      .map((s) => [s.space_name, { usedMb: mb(s.space_used_size), committedMb: mb(s.space_size) }]),
  );
  return {
    rssMb: mb(usage.rss),
    heapTotalMb: mb(usage.heapTotal),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    spaces,
  };
}

process.on('message', (msg: MemoryRequest) => {
  if (msg?.type !== 'memory') return;
  const before = reading();
  (globalThis as { gc?: () => void }).gc?.();
  const after = reading();
  const snapshot = msg.snapshotPath ? v8.writeHeapSnapshot(msg.snapshotPath) : undefined;
  process.send?.({ type: 'memory', before, after, ...(snapshot ? { snapshot } : {}) } satisfies MemoryReply);
});
