import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

/**
 * The process's metrics: `startOpsServer` serves it at `/metrics` unless given another registry,
 * and the service host, the gateway and the job consumers record into it by default, so no one
 * needs the ops server before they start.
 */
export const processRegistry = new Registry();

const withProcessMetrics = new WeakSet<Registry>();

/** Adds Node's own metrics (CPU, memory, event loop, GC) to `registry`, once. */
export function collectProcessMetrics(registry: Registry): void {
  if (withProcessMetrics.has(registry)) return;
  withProcessMetrics.add(registry);
  collectDefaultMetrics({ register: registry });
}

// Get-or-create: several instances in one process (replicas in tests, many service hosts) share
// one series set instead of failing on a duplicate name.

/** The counter `config.name` of `registry`, created on first use. */
export function sharedCounter<T extends string>(
  registry: Registry,
  config: Omit<CounterConfiguration<T>, 'registers'>,
): Counter<T> {
  return (
    (registry.getSingleMetric(config.name) as Counter<T> | undefined) ??
    new Counter({ ...config, registers: [registry] })
  );
}

/** The histogram `config.name` of `registry`, created on first use. */
export function sharedHistogram<T extends string>(
  registry: Registry,
  config: Omit<HistogramConfiguration<T>, 'registers'>,
): Histogram<T> {
  return (
    (registry.getSingleMetric(config.name) as Histogram<T> | undefined) ??
    new Histogram({ ...config, registers: [registry] })
  );
}

/** The gauge `config.name` of `registry`, created on first use. */
export function sharedGauge<T extends string>(
  registry: Registry,
  config: Omit<GaugeConfiguration<T>, 'registers'>,
): Gauge<T> {
  return (
    (registry.getSingleMetric(config.name) as Gauge<T> | undefined) ?? new Gauge({ ...config, registers: [registry] })
  );
}

/** Latency buckets (seconds) for request handling, from half a millisecond to five seconds. */
export const REQUEST_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type RequestOutcome = 'ok' | 'client_error' | 'server_error';

/** The outcome of an answered status: a fault of the caller below 500, of ours from 500. */
export const outcomeOf = (status: number): RequestOutcome =>
  status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'ok';

export { Registry as MetricsRegistry } from 'prom-client';
