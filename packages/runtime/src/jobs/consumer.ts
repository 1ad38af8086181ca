import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { JobContract } from '@seed/contracts';
import type { Logger } from '../logger.ts';
import type { JobDoneRecords } from './done-records.ts';
import { ensureJobConsumer } from './job-consumer-config.ts';
import type { JobObserver } from './metrics.ts';
import { type JobHandler, runJob } from './run-job.ts';
import { DEFAULT_JOBS_TOPOLOGY, type JobsTopology } from './topology.ts';

export interface JobConsumerOptions {
  done: JobDoneRecords;
  logger: Logger;
  topology?: JobsTopology;
  /** Jobs of this kind run at once in this process. */
  concurrency?: number;
  /** Jobs of this kind delivered and not yet acked, across all replicas. */
  maxAckPending?: number;
  observer?: JobObserver;
  /** How long one pull waits for jobs; a stopping consumer may wait this long for its last pull. */
  fetchExpiresMs?: number;
  /** After this long, stop() aborts the handlers' signal. */
  stopGraceMs?: number;
}

export interface JobConsumer {
  readonly subject: string;
  readonly inFlight: number;
  /** Stops fetching, waits for the jobs in flight, then resolves (the caller drains NATS). */
  stop(): Promise<void>;
}

/**
 * Runs `handler` for each job of `contract` from its durable pull consumer: at most `concurrency`
 * at once, each pulled only when a slot is free, so no job waits in a local buffer while its
 * ack_wait runs.
 */
export async function startJobConsumer<C extends JobContract>(
  js: JetStreamClient,
  contract: C,
  handler: JobHandler<C>,
  opts: JobConsumerOptions,
): Promise<JobConsumer> {
  const topology = opts.topology ?? DEFAULT_JOBS_TOPOLOGY;
  const concurrency = opts.concurrency ?? 4;
  const logger = opts.logger.child({ consumer: contract.subject });
  const jsm = await js.jetstreamManager();
  const ensure = async () =>
    js.consumers.getConsumerFromInfo(await ensureJobConsumer(jsm, topology, contract, opts.maxAckPending ?? 1_000));
  let consumer = await ensure();
  const abort = new AbortController();
  const running = new Set<Promise<unknown>>();
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let wakeLoop: (() => void) | undefined;
  const deps = { js, contract, handler, done: opts.done, logger, observer: opts.observer, signal: abort.signal };

  const dispatch = (msg: JsMsg) => {
    const job = runJob(msg, deps)
      .catch((err) => logger.error({ err }, 'job runner failed'))
      .finally(() => {
        running.delete(job);
        wakeLoop?.();
      });
    running.add(job);
  };

  const loop = (async () => {
    while (!stopping) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (wakeLoop = resolve));
        continue;
      }
      try {
        const batch = await consumer.fetch({ max_messages: free, expires: opts.fetchExpiresMs ?? 5_000 });
        for await (const msg of batch) dispatch(msg);
      } catch (err) {
        if (stopping) break;
        logger.warn({ err }, 'fetching jobs failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        // The consumer (or its stream) may have been deleted: put it back if so.
        consumer = await ensure().catch(() => consumer);
      }
    }
  })();

  return {
    subject: contract.subject,
    get inFlight() {
      return running.size;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        wakeLoop?.();
        const grace = setTimeout(() => abort.abort(new Error('worker stopping')), opts.stopGraceMs ?? 10_000);
        try {
          // A pull already sent is left to expire: closing it early could strand a job until its ack_wait.
          await loop;
          await Promise.allSettled([...running]);
        } finally {
          clearTimeout(grace);
        }
      })();
      return stopped;
    },
  };
}
