import type { ScenarioReport } from '../lib/report.ts';
import type { BenchSettings } from '../lib/settings.ts';

/** One benchmark: starts what it measures, loads it, stops it, and reports against its targets. */
export interface Scenario {
  /** Kebab-case; names the results file `bench/results/<name>.json`. */
  name: string;
  title: string;
  run(settings: BenchSettings): Promise<ScenarioReport>;
}
