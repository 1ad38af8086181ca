import type { Registry, RequestContract } from '@seed/contracts';
import { AppError, type Caller, type NatsConnection, request } from '@seed/runtime';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TokenVerifier } from '../auth/index.ts';
import { bearerToken } from '../auth/index.ts';
import { bindReplyHeaders, bindRequestHeaders } from './binding-headers.ts';
import { operationDocs } from './openapi-schema.ts';
import { requestInput } from './route-input.ts';
import { inRequestSpan } from './tracing.ts';

export interface ContractRoutesOptions {
  registry: Registry;
  nc: NatsConnection;
  verifier: TokenVerifier;
  /** Replaces each contract's own timeout when set. */
  timeoutMs?: number;
}

type HttpContract = RequestContract & { http: NonNullable<RequestContract['http']> };

/** The contracts clients reach over HTTP: an `http` binding and not internal. */
export const httpContracts = (registry: Registry): HttpContract[] =>
  registry.requests.filter((c): c is HttpContract => c.http !== undefined && c.access !== 'internal');

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined;
    /** The check of an already verified token, started when the request arrived. */
    cachedCallerCheck: Promise<Caller> | undefined;
  }
}

const ignore = () => {};

/**
 * The caller of a request. `user` operations need a valid bearer token; `public` ones take the
 * identity when the token is valid and ignore a bad one (an expired token must not block refresh).
 */
async function callerOf(contract: HttpContract, req: FastifyRequest, verifier: TokenVerifier) {
  const token = bearerToken(req.headers.authorization);
  const check = token ? (req.cachedCallerCheck ?? verifier.verify(token)) : undefined;
  if (contract.access === 'user') {
    if (!check) throw new AppError('unauthenticated', 'bearer token required');
    return check;
  }
  return check?.catch(() => undefined);
}

/** One route per HTTP contract: authenticate, validate and forward over NATS, answer the reply. */
export const contractRoutes: FastifyPluginAsync<ContractRoutesOptions> = async (fastify, opts) => {
  fastify.decorateRequest('caller', undefined);
  fastify.decorateRequest('cachedCallerCheck', undefined);
  for (const contract of httpContracts(opts.registry)) {
    const { http } = contract;
    fastify.route({
      method: http.method,
      url: http.path,
      config: {
        ...(http.rateLimit ? { rateLimit: { max: http.rateLimit.max, timeWindow: http.rateLimit.timeWindowMs } } : {}),
        swaggerTransform: () => ({ schema: operationDocs(contract), url: http.path }),
      },
      // A token verified before only needs its revocation looked up: sent now, that lookup runs
      // alongside the rate-limit count (a route hook declared here runs before the rate limit's).
      // A token never seen waits for the rate limit, so refused clients cost no signature check.
      onRequest: (req, _reply, done) => {
        const token = bearerToken(req.headers.authorization);
        req.cachedCallerCheck = token ? opts.verifier.verifyIfCached(token) : undefined;
        // Settled in preParsing, or never when the rate limit refuses the request.
        req.cachedCallerCheck?.catch(ignore);
        done();
      },
      // Before the body is read, so an anonymous caller cannot make the gateway parse it.
      preParsing: async (req, _reply, payload) => {
        req.caller = await callerOf(contract, req, opts.verifier);
        return payload;
      },
      handler: async (req, reply) => {
        const input = requestInput(http.method, req);
        bindRequestHeaders(http, req, input);
        const result = await inRequestSpan(req, () =>
          request(opts.nc, contract, input, {
            context: {
              requestId: req.id,
              clientIp: req.ip,
              ...(req.caller ? { caller: req.caller } : {}),
              ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
            },
            ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
          }),
        );
        const body = bindReplyHeaders(http, req, reply, result);
        if (http.method === 'GET' && http.etag && req.headers['if-none-match'] === reply.getHeader('etag'))
          return reply.code(304).send();
        reply.code(http.status ?? 200);
        return http.raw ? body : { data: body };
      },
    });
  }
};
