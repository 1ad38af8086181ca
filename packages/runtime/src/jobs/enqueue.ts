import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { JobContract } from '@seed/contracts';
import type { z } from 'zod';
import { currentContext, type RequestContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { encodeJson } from '../nats/codec.ts';
import { contextHeaders } from '../nats/headers.ts';
import { zodDetails } from '../nats/zod-details.ts';
import { inNatsSpan } from '../tracing/nats-spans.ts';
import { JOB_ID_HEADER } from './headers.ts';
import { DEFAULT_JOBS_TOPOLOGY, type JobsTopology, jobSubject } from './topology.ts';

export type JobInput<C extends JobContract> = z.input<C['payload']>;

export interface EnqueueOptions {
  /** The job's id; the same id within the stream's duplicate window is enqueued once. */
  id?: string;
  topology?: JobsTopology;
  /** Defaults to the context of the work in progress. */
  context?: RequestContext;
  timeoutMs?: number;
}

export interface Enqueued {
  id: string;
  seq: number;
  /** True when the server already had a job with this id (nothing new was enqueued). */
  duplicate: boolean;
}

/**
 * Validates a job against its contract and publishes it with its id as `Nats-Msg-Id`. A bad
 * payload is `validation_failed` here, before it leaves; no job stream is `service_unavailable`.
 */
export async function enqueueJob<C extends JobContract>(
  js: JetStreamClient,
  contract: C,
  payload: JobInput<C>,
  opts: EnqueueOptions = {},
): Promise<Enqueued> {
  const parsed = contract.payload.safeParse(payload);
  if (!parsed.success)
    throw new AppError('validation_failed', `invalid ${contract.subject} job`, zodDetails(parsed.error));
  const id = opts.id ?? randomUUID();
  const subject = jobSubject(opts.topology ?? DEFAULT_JOBS_TOPOLOGY, contract);
  try {
    const ack = await inNatsSpan(subject, 'producer', () => {
      const headers = contextHeaders(opts.context ?? currentContext());
      headers.set(JOB_ID_HEADER, id);
      return js.publish(subject, encodeJson(parsed.data), {
        msgID: id,
        headers,
        ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
      });
    });
    return { id, seq: ack.seq, duplicate: ack.duplicate };
  } catch (err) {
    throw new AppError('service_unavailable', `job ${subject} could not be enqueued: ${(err as Error).message}`);
  }
}
