import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, Redis } from '@seed/runtime';
import Fastify, { type FastifyInstance, LogController, type RawServerDefault } from 'fastify';
import type { GatewayConfig } from '../config.ts';
import { accessLog } from './access-log.ts';
import { answerClientError } from './client-errors.ts';
import { cors } from './cors.ts';
import { errorResponses, sendFrameworkError } from './errors.ts';
import { jsonBodies } from './json-body.ts';
import { loadShedding } from './load-shedding.ts';
import { httpMetrics } from './metrics.ts';
import { rateLimits } from './rate-limit.ts';
import { requestIdHeader, requestIdOf } from './request-id.ts';
import { httpTracing } from './tracing.ts';

export type GatewayFastify = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>;

/**
 * The gateway's Fastify instance with what every route shares: JSON bodies (an empty one is none),
 * error bodies, request ids, tracing, the access log, metrics, CORS, load shedding and rate limits.
 * The routes are the app's to add.
 */
export async function createHttpServer(config: GatewayConfig, logger: Logger, redis: Redis): Promise<GatewayFastify> {
  const fastify = Fastify({
    loggerInstance: logger,
    // One access-log line per request instead of Fastify's two (see access-log.ts).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Requests that still reach a closing gateway are served: NATS stays up until the listener closes.
    return503OnClosing: false,
    // As long as the longest path parameter a contract takes (a push token).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 4_096 },
    frameworkErrors: sendFrameworkError,
    clientErrorHandler: answerClientError,
  });
  fastify.removeContentTypeParser('text/plain');
  await fastify.register(jsonBodies);
  await fastify.register(errorResponses);
  await fastify.register(requestIdHeader);
  await fastify.register(httpTracing);
  await fastify.register(accessLog);
  await fastify.register(httpMetrics);
  await fastify.register(cors, { origins: config.CORS_ORIGINS });
  await fastify.register(loadShedding, { maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS });
  await fastify.register(rateLimits, { redis, max: config.RATE_LIMIT_MAX, timeWindowMs: config.RATE_LIMIT_WINDOW_MS });
  return fastify;
}
