import type { Registry } from 'prom-client';
import {
  outcomeOf,
  REQUEST_DURATION_BUCKETS,
  type RequestOutcome,
  sharedCounter,
  sharedHistogram,
} from './process-registry.ts';

/** Records the requests one endpoint answered. */
export interface EndpointMetrics {
  /** `status` is what the request was answered with (200 for a reply); `startedAt` from `process.hrtime.bigint()`. */
  answered(status: number, startedAt: bigint): void;
}

/**
 * `seed_nats_requests_total{service, subject, outcome}` and
 * `seed_nats_request_duration_seconds{service, subject}` for one service endpoint. Label sets are
 * built once here, so recording a request allocates nothing of ours.
 */
export function natsEndpointMetrics(registry: Registry, service: string, subject: string): EndpointMetrics {
  const requests = sharedCounter(registry, {
    name: 'seed_nats_requests_total',
    help: 'NATS requests answered by a service, by outcome (client_error: 4xx, server_error: 5xx)',
    labelNames: ['service', 'subject', 'outcome'],
  });
  const duration = sharedHistogram(registry, {
    name: 'seed_nats_request_duration_seconds',
    help: 'Time from receiving a NATS request to answering it',
    labelNames: ['service', 'subject'],
    buckets: REQUEST_DURATION_BUCKETS,
  });
  const durationLabels = { service, subject };
  const outcomeLabels: Record<RequestOutcome, { service: string; subject: string; outcome: RequestOutcome }> = {
    ok: { service, subject, outcome: 'ok' },
    client_error: { service, subject, outcome: 'client_error' },
    server_error: { service, subject, outcome: 'server_error' },
  };
  return {
    answered(status, startedAt) {
      requests.inc(outcomeLabels[outcomeOf(status)]);
      duration.observe(durationLabels, Number(process.hrtime.bigint() - startedAt) / 1e9);
    },
  };
}
