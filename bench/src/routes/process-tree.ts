import { readdirSync, readFileSync } from 'node:fs';

/** The direct children of a process (Linux `/proc`), each with its command line. */
export function childProcesses(pid: number): { pid: number; commandLine: string }[] {
  const children: { pid: number; commandLine: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces; the parent pid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      children.push({
        pid: Number(entry),
        commandLine: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
      });
    } catch {
      // Gone in between.
    }
  }
  return children;
}

/** The service a command line of the cluster runs (`node services/<name>/src/main.ts`). */
export function serviceOf(commandLine: string): string | undefined {
  return /services\/([a-z0-9-]+)\/src\/main\.ts/.exec(commandLine)?.[1];
}
