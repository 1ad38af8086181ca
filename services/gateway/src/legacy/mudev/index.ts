import type { FastifyPluginAsync } from 'fastify';
import { toHttpError } from '../../http/index.ts';
import type { LegacyHttpDeps } from '../legacy-http.ts';
import { FrostFailure, frostFailureOf } from './frost.ts';
import { mudevAccountRoutes } from './mudev-account.routes.ts';
import { mudevPlaycoRoutes } from './mudev-playco.routes.ts';

/**
 * The MUdev web client's REST API (SPEC §3) under `/legacy/mudev/`: FROST's account routes and
 * PlayCo's, every reply and failure in FROST's envelope. Register with that prefix.
 */
export const legacyMudevRoutes: FastifyPluginAsync<LegacyHttpDeps> = async (fastify, opts) => {
  // Not the options object itself: its `prefix` would apply once more to the routes below.
  const deps: LegacyHttpDeps = { nc: opts.nc, verifier: opts.verifier, timeoutMs: opts.timeoutMs };
  fastify.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  fastify.setErrorHandler(async (err, req, reply) => {
    const failure = frostFailureOf(err);
    if (!(err instanceof FrostFailure) && toHttpError(err).unexpected)
      req.log.error({ err }, 'legacy MUdev request failed');
    else if (failure.status >= 500) req.log.warn({ subCode: failure.subCode }, 'legacy MUdev request not served');
    return reply.code(failure.status).send(failure.envelope);
  });
  fastify.setNotFoundHandler(async (req, reply) => {
    const failure = new FrostFailure(404, 'http.not_found', {}, `no route ${req.method} ${req.url.split('?')[0]}`);
    return reply.code(404).send(failure.envelope);
  });
  await fastify.register(mudevAccountRoutes, deps);
  await fastify.register(mudevPlaycoRoutes, deps);
};
