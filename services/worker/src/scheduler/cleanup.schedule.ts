import type { JetStreamClient } from '@nats-io/jetstream';
import { cleanupRun } from '@seed/contracts';
import { enqueueJob, type JobsTopology } from '@seed/runtime';
import type { Schedule } from './scheduler.ts';

/** `jobs.cleanup.run` once per period: the job id `cleanup:<period start>` is the same on every replica. */
export const cleanupSchedule = (js: JetStreamClient, topology: JobsTopology, everyMs: number): Schedule => ({
  name: cleanupRun.subject,
  everyMs,
  enqueue: (start) => {
    const period = start.toISOString();
    return enqueueJob(
      js,
      cleanupRun,
      { period },
      { id: `cleanup:${period}`, topology, context: { requestId: `cleanup:${period}` } },
    );
  },
});
