import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { Resource } from './kustomize.ts';

const builders: [string, (dir: string) => string[]][] = [
  ['kubectl', (dir) => ['kustomize', dir]],
  ['kustomize', (dir) => ['build', dir]],
];

/** The real kustomize's output for `dir`, or undefined when neither kubectl nor kustomize is installed. */
export function realKustomize(dir: string): Resource[] | undefined {
  for (const [command, args] of builders) {
    const run = spawnSync(command, args(dir), { encoding: 'utf8', timeout: 60_000 });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
    if (run.status !== 0) throw new Error(`${command} failed on ${dir}: ${run.stderr || run.error}`);
    return parseAllDocuments(run.stdout).map((d) => d.toJS() as Resource);
  }
  return undefined;
}
