import type { ReplyOf, RequestContract, RequestOf } from '@seed/contracts';
import { type Caller, type NatsConnection, request } from '@seed/runtime';
import type { FastifyRequest } from 'fastify';
import type { TokenVerifier } from '../auth/index.ts';

/** What the legacy clients' REST adapters need: NATS to call the platform, the token verifier. */
export interface LegacyHttpDeps {
  nc: NatsConnection;
  verifier: TokenVerifier;
  /** Replaces each contract's own timeout when set. */
  timeoutMs?: number | undefined;
}

export type ContractCall = <C extends RequestContract>(contract: C, input: RequestOf<C>) => Promise<ReplyOf<C>>;

/** Calls contracts for one HTTP request, as the contract routes forward theirs: request id, client, caller. */
export function contractCallFor(deps: LegacyHttpDeps, req: FastifyRequest, caller?: Caller): ContractCall {
  return (contract, input) =>
    request(deps.nc, contract, input, {
      context: {
        requestId: req.id,
        clientIp: req.ip,
        ...(caller ? { caller } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      },
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    });
}
