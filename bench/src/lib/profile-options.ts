import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Node options that make a server write a V8 CPU profile (`<dir>/<name>.cpuprofile`) when it
 * exits, or undefined when no profile directory is asked for.
 */
export function cpuProfileOptions(dir: string | undefined) {
  if (!dir) return undefined;
  const absolute = resolve(dir);
  mkdirSync(absolute, { recursive: true });
  return {
    dir: absolute,
    nodeOptions: (name: string) => `--cpu-prof --cpu-prof-dir=${absolute} --cpu-prof-name=${name}.cpuprofile`,
  };
}
