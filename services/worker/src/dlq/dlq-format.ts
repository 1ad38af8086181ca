import type { DeadJob } from '@seed/runtime';

const column = (rows: string[][]): string[] => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
};

/** One line per dead job, under a header. */
export function formatDeadJobList(jobs: readonly DeadJob[]): string {
  if (jobs.length === 0) return 'no dead jobs';
  const header = ['SEQ', 'FAILED AT', 'TRIES', 'SUBJECT', 'JOB ID', 'ERROR'];
  return column([
    header,
    ...jobs.map((j) => [String(j.seq), j.failedAt, String(j.deliveries), j.subject, j.jobId, j.error]),
  ]).join('\n');
}

/** Everything about one dead job: why it died, its headers and its payload. */
export function formatDeadJob(job: DeadJob): string {
  const lines = [
    `seq:        ${job.seq}`,
    `subject:    ${job.subject}`,
    `job id:     ${job.jobId}`,
    `error:      ${job.error}`,
    ...(job.errorDetails === undefined ? [] : [`details:    ${JSON.stringify(job.errorDetails)}`]),
    `tries:      ${job.deliveries}`,
    `failed at:  ${job.failedAt}`,
    'headers:',
    ...Object.entries(job.headers).flatMap(([key, values]) => values.map((v) => `  ${key}: ${v}`)),
    'payload:',
    typeof job.payload === 'string' ? job.payload : JSON.stringify(job.payload, null, 2),
  ];
  return lines.join('\n');
}
