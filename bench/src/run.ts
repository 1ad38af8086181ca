// `pnpm bench [--quick] [scenario...]`: runs the scenarios, prints each report and writes it to
// bench/results/<scenario>.json. A missed target is reported with exit 0; a broken run exits 1.
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { busyShare, machineCpu } from './lib/cpu.ts';
import { ProcessFailedError, stopAll, stopChildrenOnExit } from './lib/processes.ts';
import { formatMachine, formatReport, type MachineInfo, writeReportJson } from './lib/report.ts';
import { parseCommandLine, USAGE } from './lib/settings.ts';
import { scenarios } from './scenarios/index.ts';

const RESULTS_DIR = new URL('../results', import.meta.url).pathname;

stopChildrenOnExit();
const {
  settings,
  scenarios: names,
  list,
  help,
} = (() => {
  try {
    return parseCommandLine(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
if (help || list) {
  console.log(help ? USAGE : scenarios.map((s) => `${s.name}  ${s.title}`).join('\n'));
  process.exit(0);
}
const unknown = names.filter((n) => !scenarios.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown scenario: ${unknown.join(', ')}\n${USAGE}`);
  process.exit(2);
}
const chosen = names.length ? scenarios.filter((s) => names.includes(s.name)) : scenarios;

const before = machineCpu();
await sleep(1_000);
const machine: MachineInfo = {
  cpus: availableParallelism(),
  node: process.versions.node,
  loadAverage: loadavg(),
  backgroundBusy: busyShare(before, machineCpu()),
};
console.log(formatMachine(machine));

let broken = false;
for (const scenario of chosen) {
  console.error(`\n[bench] ${scenario.name}: ${settings.warmupS} s warm-up + ${settings.durationS} s per setup`);
  try {
    const report = await scenario.run(settings);
    console.log(`\n${formatReport(report)}`);
    console.log(`results: ${await writeReportJson(RESULTS_DIR, report, machine)}`);
    if (report.problems.length) broken = true;
  } catch (err) {
    broken = true;
    console.error(`\n${scenario.name} failed: ${(err as Error).stack ?? err}`);
    if (err instanceof ProcessFailedError && err.output) console.error(`its output:\n${err.output}`);
  }
}
await stopAll();
process.exit(broken ? 1 : 0);
