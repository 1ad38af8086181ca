// `node bench/src/profile/summarize.ts <file.cpuprofile>... [--last-seconds N] [--top N]`: where a
// server's CPU went, by module and by function, from profiles `BENCH_CPU_PROF_DIR` had written.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuProfile, formatProfileSummary, summarizeProfile } from './cpu-profile.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'last-seconds': { type: 'string' }, top: { type: 'string', default: '25' } },
});
if (!positionals.length) {
  console.error('usage: node bench/src/profile/summarize.ts <file.cpuprofile>... [--last-seconds N] [--top N]');
  process.exit(2);
}
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const summary = summarizeProfile(profile, {
    ...(values['last-seconds'] ? { lastSeconds: Number(values['last-seconds']) } : {}),
    top: Number(values.top),
  });
  console.log(`${formatProfileSummary(basename(file), summary)}\n`);
}
