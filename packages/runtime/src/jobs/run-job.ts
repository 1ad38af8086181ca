import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { JobContract } from '@seed/contracts';
import type { z } from 'zod';
import { runInContext } from '../context.ts';
import { isAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { decodeJson } from '../nats/codec.ts';
import { contextFromHeaders } from '../nats/headers.ts';
import { zodDetails } from '../nats/zod-details.ts';
import { inNatsSpan } from '../tracing/nats-spans.ts';
import { type Death, publishDeadLetter } from './dead-letter.ts';
import type { JobDoneRecords } from './done-records.ts';
import { JOB_ID_HEADER, NATS_MSG_ID_HEADER } from './headers.ts';
import type { JobObserver, JobOutcome } from './metrics.ts';

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the worker is stopping and cannot wait any longer: stop at a safe point and throw. */
  signal: AbortSignal;
  logger: Logger;
  /** Restarts the job's ack_wait; the runner also does this on its own while the handler runs. */
  progress(): void;
  /** This job's done-record, for a handler that records it together with its own effect. */
  isDone(): Promise<boolean>;
  markDone(): Promise<boolean>;
}

export type JobHandler<C extends JobContract> = (payload: z.output<C['payload']>, ctx: JobContext) => Promise<void>;

export interface JobRunDeps<C extends JobContract> {
  js: JetStreamClient;
  contract: C;
  handler: JobHandler<C>;
  done: JobDoneRecords;
  logger: Logger;
  observer?: JobObserver;
  signal: AbortSignal;
}

/** Delay before retrying after `attempt` failed: the contract's back-off, its last value repeating. */
export const retryDelayMs = (contract: JobContract, attempt: number): number =>
  contract.backoffMs[Math.min(attempt - 1, contract.backoffMs.length - 1)] ?? 0;

const errorText = (err: unknown): string =>
  isAppError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);

/**
 * Runs one delivery of a job: skips it when already done, dead-letters it when it cannot run
 * (bad payload, no attempt left), otherwise calls the handler, then acks, retries with back-off,
 * or dead-letters after the last attempt.
 */
export function runJob<C extends JobContract>(msg: JsMsg, deps: JobRunDeps<C>): Promise<JobOutcome> {
  // Every line of this job, the runner's and the handler's, gets its request id from the context.
  return runInContext(contextFromHeaders(msg.headers), () =>
    inNatsSpan(deps.contract.subject, 'consumer', () => settleJob(msg, deps), msg.headers),
  );
}

async function settleJob<C extends JobContract>(msg: JsMsg, deps: JobRunDeps<C>): Promise<JobOutcome> {
  const { contract, done } = deps;
  const jobId = msg.headers?.get(JOB_ID_HEADER) || msg.headers?.get(NATS_MSG_ID_HEADER) || `seq-${msg.seq}`;
  const attempt = msg.info.deliveryCount;
  const logger = deps.logger.child({ job: contract.subject, jobId, attempt });
  const started = performance.now();
  const finish = (outcome: JobOutcome): JobOutcome => {
    deps.observer?.onOutcome(contract.subject, outcome, performance.now() - started);
    return outcome;
  };
  const deadLetter = async (death: Omit<Death, 'jobId'>): Promise<JobOutcome> => {
    await publishDeadLetter(deps.js, msg, { jobId, ...death });
    // Acked, not termed: a work queue on nats-server 2.9 keeps termed messages.
    msg.ack();
    logger.error({ error: death.error }, 'job dead-lettered');
    return finish('dead_lettered');
  };

  try {
    if (await done.isDone(jobId)) {
      msg.ack();
      logger.info('job already done; redelivery skipped');
      return finish('skipped');
    }
    if (attempt > contract.maxDeliver)
      return await deadLetter({ error: 'no attempt left: the last one did not settle (its worker stopped)' });
    let raw: unknown;
    try {
      raw = decodeJson(msg.data);
    } catch {
      return await deadLetter({ error: 'payload is not JSON' });
    }
    const parsed = contract.payload.safeParse(raw);
    if (!parsed.success)
      return await deadLetter({ error: 'payload breaks its contract', details: zodDetails(parsed.error) });

    const ctx: JobContext = {
      jobId,
      attempt,
      maxAttempts: contract.maxDeliver,
      signal: deps.signal,
      logger,
      progress: () => keepAlive(msg),
      isDone: () => done.isDone(jobId),
      markDone: () => done.markDone(jobId),
    };
    const heartbeat = setInterval(() => keepAlive(msg), Math.max(100, Math.floor(contract.ackWaitMs / 3)));
    try {
      await deps.handler(parsed.data as z.output<C['payload']>, ctx);
    } catch (err) {
      if (deps.signal.aborted) {
        msg.nak();
        logger.warn({ err }, 'job interrupted by shutdown; handed back');
        return finish('failed');
      }
      finish('failed');
      if (attempt >= contract.maxDeliver) return await deadLetter({ error: errorText(err) });
      const delay = retryDelayMs(contract, attempt);
      msg.nak(delay);
      logger.warn({ err, retryInMs: delay }, 'job failed; will retry');
      return 'failed';
    } finally {
      clearInterval(heartbeat);
    }
    await done.markDone(jobId);
    msg.ack();
    return finish('processed');
  } catch (err) {
    // Infrastructure trouble (done-record or dead-letter stream unreachable): try again later.
    logger.error({ err }, 'job could not be settled; will retry');
    msg.nak(retryDelayMs(contract, attempt));
    return 'failed';
  }
}

function keepAlive(msg: JsMsg): void {
  try {
    msg.working();
  } catch {
    // The connection is closing; the server redelivers the job after ack_wait.
  }
}
