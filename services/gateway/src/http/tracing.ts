import { markFailed, type Span, startSpan, tracingEnabled, withSpan } from '@seed/runtime';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's span, when traces are exported. */
    span: Span | undefined;
  }
}

/**
 * A server span per HTTP request, `<METHOD> <route>`, continuing a `traceparent` the client sent;
 * the request's log lines carry its trace id. Adds no hook at all when tracing is off.
 */
export const httpTracing: FastifyPluginAsync = fp(
  async (fastify) => {
    if (!tracingEnabled()) return;
    fastify.decorateRequest('span', undefined);
    fastify.addHook('onRequest', async (request) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const headers = request.headers;
      request.span = startSpan(`${request.method} ${route}`, {
        kind: 'server',
        attributes: { 'http.request.method': request.method, 'http.route': route },
        incoming: { get: (key) => (typeof headers[key] === 'string' ? headers[key] : undefined), set: () => {} },
      });
      if (request.span) request.log = request.log.child({ traceId: request.span.spanContext().traceId });
    });
    fastify.addHook('onResponse', async (request, reply) => {
      request.span?.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) markFailed(request.span, `answered ${reply.statusCode}`);
      request.span?.end();
    });
  },
  { name: 'http-tracing' },
);

/** Runs `fn` inside the request's span, so the NATS hops it makes join the request's trace. */
export const inRequestSpan = <T>(request: FastifyRequest, fn: () => T): T => withSpan(request.span, fn);
