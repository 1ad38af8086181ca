import type { JetStreamClient, StoredMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import {
  JOB_DELIVERIES_HEADER,
  JOB_ERROR_DETAILS_HEADER,
  JOB_ERROR_HEADER,
  JOB_FAILED_AT_HEADER,
  JOB_ID_HEADER,
  JOB_REPLAYED_FROM_HEADER,
  JOB_SUBJECT_HEADER,
} from './headers.ts';
import { DEFAULT_JOBS_TOPOLOGY, type JobsTopology } from './topology.ts';

/** A job in the dead-letter stream. */
export interface DeadJob {
  seq: number;
  /** The subject it was enqueued on, where a replay sends it back. */
  subject: string;
  jobId: string;
  error: string;
  errorDetails?: unknown;
  deliveries: number;
  failedAt: string;
  headers: Record<string, string[]>;
  /** The original payload, parsed when it is JSON, else the raw text. */
  payload: unknown;
}

interface RawDeadJob {
  seq: number;
  subject: string;
  data: Uint8Array;
  headers: StoredMsg['header'] | undefined;
}

function toDeadJob(msg: RawDeadJob): DeadJob {
  const h = msg.headers;
  const text = new TextDecoder().decode(msg.data);
  const details = h?.get(JOB_ERROR_DETAILS_HEADER);
  return {
    seq: msg.seq,
    subject: h?.get(JOB_SUBJECT_HEADER) || msg.subject.replace(/^dlq\./, ''),
    jobId: h?.get(JOB_ID_HEADER) ?? '',
    error: h?.get(JOB_ERROR_HEADER) ?? '',
    ...(details ? { errorDetails: parseOr(details, details) } : {}),
    deliveries: Number(h?.get(JOB_DELIVERIES_HEADER) || 0),
    failedAt: h?.get(JOB_FAILED_AT_HEADER) ?? '',
    headers: Object.fromEntries(h ?? []),
    payload: parseOr(text, text),
  };
}

const fromStored = (msg: StoredMsg): RawDeadJob => ({
  seq: msg.seq,
  subject: msg.subject,
  data: msg.data,
  headers: msg.header,
});

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** Dead jobs, oldest first. */
export async function listDeadJobs(
  js: JetStreamClient,
  opts: { topology?: JobsTopology; limit?: number } = {},
): Promise<DeadJob[]> {
  const stream = (opts.topology ?? DEFAULT_JOBS_TOPOLOGY).dlqStream;
  const jsm = await js.jetstreamManager();
  const { state } = await jsm.streams.info(stream);
  const wanted = Math.min(state.messages, opts.limit ?? 100);
  if (wanted === 0) return [];
  const reader = await js.consumers.get(stream);
  const batch = await reader.fetch({ max_messages: wanted, expires: 5_000 });
  const jobs: DeadJob[] = [];
  for await (const msg of batch) {
    jobs.push(toDeadJob(msg));
    if (jobs.length === wanted || msg.info.pending === 0) break;
  }
  await reader.delete().catch(() => {});
  return jobs;
}

/** One dead job, or undefined when the sequence holds none. */
export async function getDeadJob(
  js: JetStreamClient,
  seq: number,
  opts: { topology?: JobsTopology } = {},
): Promise<DeadJob | undefined> {
  const jsm = await js.jetstreamManager();
  const msg = await jsm.streams.getMessage((opts.topology ?? DEFAULT_JOBS_TOPOLOGY).dlqStream, { seq });
  return msg ? toDeadJob(fromStored(msg)) : undefined;
}

/**
 * Sends a dead job back to its subject with its job id and request id, then removes it from the
 * dead-letter stream. Its `Nats-Msg-Id` is new (the original would fall in the duplicate window)
 * but fixed per dead-letter entry, so replaying the same entry twice enqueues it once.
 */
export async function replayDeadJob(
  js: JetStreamClient,
  seq: number,
  opts: { topology?: JobsTopology } = {},
): Promise<DeadJob | undefined> {
  const topology = opts.topology ?? DEFAULT_JOBS_TOPOLOGY;
  const jsm = await js.jetstreamManager();
  const msg = await jsm.streams.getMessage(topology.dlqStream, { seq });
  if (!msg) return undefined;
  const dead = toDeadJob(fromStored(msg));
  const h = natsHeaders();
  for (const [key, values] of msg.header ?? []) {
    if (key.startsWith('Nats-') || DEAD_ONLY.has(key)) continue;
    for (const value of values) h.append(key, value);
  }
  h.set(JOB_REPLAYED_FROM_HEADER, String(seq));
  await js.publish(dead.subject, msg.data, { headers: h, msgID: `${dead.jobId || 'job'}:replay:${seq}` });
  await jsm.streams.deleteMessage(topology.dlqStream, seq);
  return dead;
}

/** Drops a dead job without replaying it; false when the sequence holds none. */
export async function deleteDeadJob(
  js: JetStreamClient,
  seq: number,
  opts: { topology?: JobsTopology } = {},
): Promise<boolean> {
  const jsm = await js.jetstreamManager();
  const stream = (opts.topology ?? DEFAULT_JOBS_TOPOLOGY).dlqStream;
  if (!(await jsm.streams.getMessage(stream, { seq }))) return false;
  return jsm.streams.deleteMessage(stream, seq);
}

const DEAD_ONLY = new Set([
  JOB_SUBJECT_HEADER,
  JOB_ERROR_HEADER,
  JOB_ERROR_DETAILS_HEADER,
  JOB_DELIVERIES_HEADER,
  JOB_FAILED_AT_HEADER,
  JOB_REPLAYED_FROM_HEADER,
]);
