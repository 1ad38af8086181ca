import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { DEFAULT_JOBS_TOPOLOGY, type JobsTopology } from './topology.ts';

export interface JobStreamOptions {
  /** Window in which a repeated job id is dropped by the server. */
  duplicateWindowMs?: number;
  /** How long dead jobs are kept. */
  dlqMaxAgeMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * Creates the job stream (work queue: a job leaves once acked) and the dead-letter stream (kept
 * for `dlqMaxAgeMs`), or updates them to this configuration. Safe to run from every replica at
 * start-up.
 */
export async function ensureJobStreams(
  js: JetStreamClient,
  topology: JobsTopology = DEFAULT_JOBS_TOPOLOGY,
  opts: JobStreamOptions = {},
): Promise<void> {
  const jsm = await js.jetstreamManager();
  const duplicateWindow = nanos(opts.duplicateWindowMs ?? 120_000);
  await ensureStream(jsm, {
    name: topology.stream,
    subjects: [`${topology.subjectPrefix}.>`],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: duplicateWindow,
  });
  await ensureStream(jsm, {
    name: topology.dlqStream,
    subjects: [`dlq.${topology.subjectPrefix}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(opts.dlqMaxAgeMs ?? 30 * DAY_MS),
    duplicate_window: duplicateWindow,
  });
}

type EnsuredConfig = Pick<StreamConfig, 'name' | 'subjects' | 'retention' | 'storage' | 'duplicate_window'> &
  Partial<Pick<StreamConfig, 'max_age'>>;

async function ensureStream(jsm: JetStreamManager, config: EnsuredConfig): Promise<void> {
  const current = await jsm.streams.info(config.name).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw err;
  });
  if (!current) {
    // Another replica may create it first; the server accepts an identical create.
    await jsm.streams.add(config);
    return;
  }
  const { name, retention, storage, ...changeable } = config;
  const same = Object.entries(changeable).every(
    ([key, value]) => JSON.stringify(current.config[key as keyof StreamConfig]) === JSON.stringify(value),
  );
  if (!same) await jsm.streams.update(name, changeable);
}
