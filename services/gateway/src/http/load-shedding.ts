import underPressure from '@fastify/under-pressure';
import { AppError } from '@seed/runtime';
import fp from 'fastify-plugin';

const RETRY_AFTER_SECONDS = 5;

/** Sheds requests with 503 `overloaded` while the event loop lags, instead of queueing them. */
export const loadShedding = fp<{ maxEventLoopDelayMs: number }>(
  async (fastify, opts) => {
    await fastify.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      pressureHandler: async (_req, reply) => {
        reply.header('retry-after', RETRY_AFTER_SECONDS);
        throw new AppError('overloaded', 'the gateway is overloaded; retry later');
      },
    });
  },
  { name: 'load-shedding' },
);
