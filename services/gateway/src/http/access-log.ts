import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { redactUrl } from './redact-url.ts';

/**
 * One log line per request, after its response; headers (tokens, cookies) never reach it, nor the
 * value of a secret a client put in the query string.
 */
export const accessLog: FastifyPluginAsync = fp(
  async (fastify) => {
    fastify.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          url: redactUrl(request.url),
          route: request.routeOptions.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    });
  },
  { name: 'access-log' },
);
