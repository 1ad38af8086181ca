import type { JetStreamClient } from '@nats-io/jetstream';
import { type DeadJob, deleteDeadJob, getDeadJob, type JobsTopology, listDeadJobs, replayDeadJob } from '@seed/runtime';
import { formatDeadJob, formatDeadJobList } from './dlq-format.ts';

export interface DlqCommand {
  name: 'list' | 'show' | 'replay' | 'delete';
  seq?: number;
  all?: boolean;
  limit?: number;
  json?: boolean;
}

export class DlqUsageError extends Error {}
export class DlqNotFoundError extends Error {}

/** Parses `<command> [seq] [--all] [--limit n] [--json]`. */
export function parseDlqCommand(positionals: string[], flags: { all?: boolean; limit?: string; json?: boolean }) {
  const [name, seqText, ...extra] = positionals;
  if (name !== 'list' && name !== 'show' && name !== 'replay' && name !== 'delete')
    throw new DlqUsageError(name ? `unknown command "${name}"` : 'missing command');
  if (extra.length > 0) throw new DlqUsageError(`unexpected argument "${extra[0]}"`);
  const command: DlqCommand = { name, json: flags.json ?? false };
  if (flags.limit !== undefined) {
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new DlqUsageError('--limit must be a positive integer');
    command.limit = limit;
  }
  if (name === 'list') {
    if (seqText !== undefined) throw new DlqUsageError('list takes no sequence');
    return command;
  }
  if (name === 'replay' && flags.all) {
    if (seqText !== undefined) throw new DlqUsageError('replay takes a sequence or --all, not both');
    return { ...command, all: true };
  }
  const seq = Number(seqText);
  if (!seqText || !Number.isInteger(seq) || seq < 1) throw new DlqUsageError(`${name} needs a sequence number`);
  return { ...command, seq };
}

/** Runs a command against the dead-letter stream; resolves with what to print. */
export async function runDlqCommand(js: JetStreamClient, topology: JobsTopology, command: DlqCommand): Promise<string> {
  const opts = { topology };
  const out = (json: unknown, text: string) => (command.json ? JSON.stringify(json, null, 2) : text);
  const notFound = () => new DlqNotFoundError(`no dead job at sequence ${command.seq} in ${topology.dlqStream}`);
  switch (command.name) {
    case 'list': {
      const jobs = await listDeadJobs(js, { ...opts, limit: command.limit ?? 100 });
      return out(jobs.map(summary), formatDeadJobList(jobs));
    }
    case 'show': {
      const job = await getDeadJob(js, command.seq!, opts);
      if (!job) throw notFound();
      return out(job, formatDeadJob(job));
    }
    case 'replay': {
      const seqs = command.all
        ? (await listDeadJobs(js, { ...opts, limit: command.limit ?? 10_000 })).map((j) => j.seq)
        : [command.seq!];
      const replayed: DeadJob[] = [];
      for (const seq of seqs) {
        const job = await replayDeadJob(js, seq, opts);
        if (!job && !command.all) throw notFound();
        if (job) replayed.push(job);
      }
      const lines = replayed.map((j) => `replayed ${j.seq} (job ${j.jobId}) to ${j.subject}`);
      return out({ replayed: replayed.map(summary) }, lines.length > 0 ? lines.join('\n') : 'no dead jobs');
    }
    case 'delete': {
      if (!(await deleteDeadJob(js, command.seq!, opts))) throw notFound();
      return out({ deleted: command.seq }, `deleted ${command.seq}`);
    }
  }
}

const summary = ({ seq, subject, jobId, error, deliveries, failedAt }: DeadJob) => ({
  seq,
  subject,
  jobId,
  error,
  deliveries,
  failedAt,
});
