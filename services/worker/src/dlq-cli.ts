// Operator command for dead jobs: `pnpm dlq list | show <seq> | replay <seq> | replay --all | delete <seq>`.
import { parseArgs } from 'node:util';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { configOrExit } from '@seed/runtime';
import { jobsTopology, loadDlqConfig } from './config.ts';
import { type DlqCommand, DlqUsageError, parseDlqCommand, runDlqCommand } from './dlq/index.ts';

const USAGE = `usage: dlq <command> [--json]
  list [--limit n]      dead jobs, oldest first (seq, failed at, tries, subject, job id, error)
  show <seq>            one dead job: its error, headers and payload
  replay <seq>          send it back to its subject (fresh Nats-Msg-Id, same job id), then remove it
  replay --all          replay every dead job
  delete <seq>          remove it without replaying
env: NATS_URL, JOBS_DLQ_STREAM (default JOBS_DLQ), JOBS_STREAM, JOBS_SUBJECT_PREFIX`;

/** The command line as a command; undefined after printing help. Bad usage throws DlqUsageError. */
function commandLine(argv: string[]): DlqCommand | undefined {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    parsed = parse();
  } catch (err) {
    throw new DlqUsageError((err as Error).message);
  }
  if (parsed.values.help) return undefined;
  return parseDlqCommand(parsed.positionals, parsed.values);
}

async function main(argv: string[]): Promise<number> {
  let command: DlqCommand | undefined;
  try {
    command = commandLine(argv);
  } catch (err) {
    if (!(err instanceof DlqUsageError)) throw err;
    process.stderr.write(`dlq: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (!command) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = configOrExit(() => loadDlqConfig());
  try {
    const nc = await connect({ servers: config.NATS_URL.split(','), name: 'dlq-cli', timeout: 5_000 });
    try {
      process.stdout.write(`${await runDlqCommand(jetstream(nc), jobsTopology(config), command)}\n`);
    } finally {
      await nc.close();
    }
    return 0;
  } catch (err) {
    process.stderr.write(`dlq: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
