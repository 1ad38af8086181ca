import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** One log line per request, after its response; headers (tokens, cookies) never reach it. */
export const accessLog: FastifyPluginAsync = fp(
  async (fastify) => {
    fastify.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
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
