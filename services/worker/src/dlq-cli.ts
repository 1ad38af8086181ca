/** Operator command for dead jobs: `npm run dlq -- list | show <seq> | replay <seq> | replay --all | delete <seq>`. */
import { jetstream } from '@nats-io/jetstream';
import { connectNats, createLogger, natsConnectOptions, runOperatorCommand, UsageError } from '@seed/runtime';
import { jobsTopology, loadDlqConfig } from './config.ts';
import { type DlqCommand, DlqUsageError, parseDlqCommand, runDlqCommand } from './dlq/index.ts';

const USAGE = `usage: dlq <command> [--json]
  list [--limit n]      dead jobs, oldest first (seq, failed at, tries, subject, job id, error)
  show <seq>            one dead job: its error, headers and payload
  replay <seq>          send it back to its subject (fresh Nats-Msg-Id, same job id), then remove it
  replay --all          replay every dead job
  delete <seq>          remove it without replaying
env: NATS_URL (with NATS_USER, NATS_PASSWORD: the worker's), JOBS_DLQ_STREAM (default JOBS_DLQ),
     JOBS_STREAM, JOBS_SUBJECT_PREFIX`;

await runOperatorCommand({
  name: 'dlq',
  usage: USAGE,
  options: { json: { type: 'boolean' }, all: { type: 'boolean' }, limit: { type: 'string' } },
  async run({ positionals, values }) {
    let command: DlqCommand;
    try {
      command = parseDlqCommand(positionals, values);
    } catch (err) {
      throw err instanceof DlqUsageError ? new UsageError(err.message) : err;
    }
    const config = loadDlqConfig();
    const logger = createLogger({ service: 'dlq', level: 'silent' });
    const nc = await connectNats({
      ...natsConnectOptions({ ...config, STARTUP_TIMEOUT_MS: 5_000 }),
      name: 'dlq-cli',
      logger,
    });
    try {
      process.stdout.write(`${await runDlqCommand(jetstream(nc), jobsTopology(config), command)}\n`);
    } finally {
      await nc.close();
    }
    return 0;
  },
});
