import {
  type MetricsRegistry,
  processRegistry,
  REQUEST_DURATION_BUCKETS,
  sharedCounter,
  sharedHistogram,
} from '@seed/runtime';
import type { FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import fp from 'fastify-plugin';

/** The route label of requests no route matched: raw URLs would make label values unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface HttpMetricsOptions {
  /** The process registry (what the ops port serves) by default. */
  registry?: MetricsRegistry;
}

/**
 * `seed_http_requests_total{method, route, status}` and `seed_http_request_duration_seconds{method,
 * route}`, labelled with the route pattern (`/api/v1/rooms/:roomId`). Each route gets its own
 * response hook with its label sets built once per method and status, so a request costs two
 * prom-client updates and no lookup of its route. Register before the routes.
 */
export const httpMetrics = fp<HttpMetricsOptions>(
  async (fastify, opts) => {
    const registry = opts.registry ?? processRegistry;
    const requests = sharedCounter(registry, {
      name: 'seed_http_requests_total',
      help: 'HTTP requests answered by the gateway, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
    });
    const duration = sharedHistogram(registry, {
      name: 'seed_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its response',
      labelNames: ['method', 'route'],
      buckets: REQUEST_DURATION_BUCKETS,
    });

    const recorder = (route: string) => {
      const byMethod = new Map<string, { duration: object; byStatus: Map<number, object> }>();
      return (request: FastifyRequest, reply: FastifyReply) => {
        let labels = byMethod.get(request.method);
        if (!labels) {
          labels = { duration: { method: request.method, route }, byStatus: new Map() };
          byMethod.set(request.method, labels);
        }
        const status = reply.statusCode;
        let statusLabels = labels.byStatus.get(status);
        if (!statusLabels) {
          statusLabels = { method: request.method, route, status };
          labels.byStatus.set(status, statusLabels);
        }
        requests.inc(statusLabels);
        duration.observe(labels.duration, reply.elapsedTime / 1_000);
      };
    };

    fastify.addHook('onRoute', (route) => {
      const record = recorder(route.url);
      const hook: onResponseHookHandler = (request, reply, done) => {
        record(request, reply);
        done();
      };
      const existing = route.onResponse;
      route.onResponse = existing ? [...(Array.isArray(existing) ? existing : [existing]), hook] : [hook];
    });

    const recordUnmatched = recorder(UNMATCHED_ROUTE);
    fastify.addHook('onResponse', (request, reply, done) => {
      if (request.is404) recordUnmatched(request, reply);
      done();
    });
  },
  { name: 'http-metrics' },
);
