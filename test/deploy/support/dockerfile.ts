import { readFileSync } from 'node:fs';

export interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions in order, continuation lines joined and comments dropped. */
export function readDockerfile(file: string): Instruction[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line));
  return lines
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args };
    });
}

/** `FROM <image> AS <name>` stages, in order. */
export function stagesOf(instructions: Instruction[]): { image: string; name?: string }[] {
  return instructions
    .filter((i) => i.keyword === 'FROM')
    .map((i) => {
      const [image = '', as, name] = i.args.replace(/--platform=\S+\s*/, '').split(/\s+/);
      return as?.toUpperCase() === 'AS' && name ? { image, name } : { image };
    });
}
