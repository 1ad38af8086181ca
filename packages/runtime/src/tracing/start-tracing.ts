import type { Logger } from '../logger.ts';

export interface Tracing {
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { shutdown: async () => {} };

/**
 * Loads the OpenTelemetry SDK and exports spans over OTLP/HTTP when `endpoint` (the standard
 * `OTEL_EXPORTER_OTLP_ENDPOINT`) is set; otherwise loads nothing and tracing stays off. The
 * exporter and batch processor also read the other standard `OTEL_*` variables.
 */
export async function startTracing(opts: { service: string; endpoint?: string; logger: Logger }): Promise<Tracing> {
  if (!opts.endpoint) return OFF;
  const { registerTracing } = await import('./sdk.ts');
  const tracing = registerTracing(opts.service);
  opts.logger.info({ otlp: opts.endpoint }, 'exporting traces');
  return tracing;
}
