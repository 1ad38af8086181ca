import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { isStartupError } from '../startup/startup-error.ts';

/** Wrong arguments: the command prints why and its usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandLine<O extends ParseArgsOptionsConfig> {
  positionals: string[];
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
}

/**
 * The whole of an operator command's process: `--help` (`-h`) prints `usage` and exits 0; bad
 * arguments exit 2 with the usage; a bad environment or a server out of reach exit 1 with one line
 * naming it; otherwise `run` writes its output and returns the exit code (0 by default).
 */
export async function runOperatorCommand<O extends ParseArgsOptionsConfig>(opts: {
  name: string;
  usage: string;
  options?: O;
  argv?: string[];
  run: (line: CommandLine<O>) => Promise<number | undefined> | number | undefined;
}): Promise<void> {
  const usage = opts.usage.trim();
  let line: CommandLine<O>;
  try {
    const parsed = parseArgs({
      args: opts.argv ?? process.argv.slice(2),
      allowPositionals: true,
      options: { ...opts.options, help: { type: 'boolean', short: 'h' } } as unknown as O,
    });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(`${usage}\n`);
      process.exitCode = 0;
      return;
    }
    line = parsed as CommandLine<O>;
  } catch (err) {
    process.stderr.write(`${opts.name}: ${(err as Error).message}\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = (await opts.run(line)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${opts.name}: ${err.message}\n${usage}\n`);
      process.exitCode = 2;
    } else if (err instanceof ConfigError || isStartupError(err)) {
      process.stderr.write(`${opts.name}: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${opts.name}: ${(err as Error).message ?? String(err)}\n`);
      process.exitCode = 1;
    }
  }
}
