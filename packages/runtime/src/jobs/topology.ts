import type { JobContract } from '@seed/contracts';

/**
 * Where jobs live: the work-queue stream, its dead-letter stream and the subject root both use.
 * Job contracts are declared under `jobs.`; a topology with another `subjectPrefix` moves every
 * job under that root instead (tests use this to get a world of their own).
 */
export interface JobsTopology {
  stream: string;
  dlqStream: string;
  /** Subject root of the job stream, e.g. `jobs` → `jobs.>`; dead jobs go to `dlq.<root>.>`. */
  subjectPrefix: string;
}

export const DEFAULT_JOBS_TOPOLOGY: JobsTopology = Object.freeze({
  stream: 'JOBS',
  dlqStream: 'JOBS_DLQ',
  subjectPrefix: 'jobs',
});

const CONTRACT_ROOT = 'jobs.';

/** The subject a job travels on under `topology` (the contract subject itself by default). */
export function jobSubject(topology: JobsTopology, contract: Pick<JobContract, 'subject'>): string {
  if (!contract.subject.startsWith(CONTRACT_ROOT))
    throw new Error(`job subject ${contract.subject} must start with "${CONTRACT_ROOT}"`);
  return `${topology.subjectPrefix}.${contract.subject.slice(CONTRACT_ROOT.length)}`;
}

/** Dead jobs of `subject` are kept on `dlq.<subject>`. */
export const deadLetterSubject = (subject: string): string => `dlq.${subject}`;

/** One durable pull consumer per job kind, named after its subject (`jobs_email_send`). */
export const jobConsumerName = (contract: Pick<JobContract, 'subject'>): string =>
  contract.subject.replaceAll('.', '_');
