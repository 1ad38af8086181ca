import { AppError } from '@seed/runtime';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { toHttpError } from './error-mapping.ts';

/** Answers any failure as `{error: {code, message, details?}}` with its status. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body, unexpected } = toHttpError(err);
  if (unexpected) request.log.error({ err }, 'request failed');
  else if (status >= 500) request.log.warn({ code: body.code, msg: body.message }, 'request not served');
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  // A service's 429 says in `details.retryAfterMs` when to come back.
  const retryAfterMs = (body.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (status === 429 && typeof retryAfterMs === 'number' && !reply.hasHeader('retry-after'))
    reply.header('retry-after', Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return reply.code(status).send({ error: body });
}

/** For Fastify's `frameworkErrors`: the URL could not be routed (bad encoding, a too long parameter). */
export const sendFrameworkError = (err: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
  void sendError(err, request, reply);

/** One error shape for every failure, unknown routes included; nothing internal leaks. */
export const errorResponses: FastifyPluginAsync = fp(
  async (fastify) => {
    fastify.setErrorHandler(async (err, request, reply) => sendError(err, request, reply));
    fastify.setNotFoundHandler(async (request, reply) => {
      const { status, body } = toHttpError(
        new AppError('route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
      );
      return reply.code(status).send({ error: body });
    });
  },
  { name: 'error-responses' },
);
