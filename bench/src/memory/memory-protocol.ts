/** Bench → server with the memory probe loaded. */
export interface MemoryRequest {
  type: 'memory';
  /** Write a heap snapshot there (after the collection). */
  snapshotPath?: string;
}

export interface MemoryReading {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** V8's heap spaces: used and committed MB of each (`new_space`, `old_space`, …). */
  spaces: Record<string, { usedMb: number; committedMb: number }>;
}

export interface MemoryReply {
  type: 'memory';
  /** As the process stood, and after a full collection. */
  before: MemoryReading;
  after: MemoryReading;
  snapshot?: string;
}
