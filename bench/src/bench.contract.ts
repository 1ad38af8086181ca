import { defineRequest, registry } from '@seed/contracts';
import { z } from 'zod';

export const BenchPingReply = z.object({ value: z.number().int() });

/**
 * Served by the bench service only; called through the gateway by the load generator. Runs
 * `select 1` on PostgreSQL, so one request is one database round trip. Read-only, idempotent.
 * Never part of the product registry.
 */
export const benchPing = defineRequest({
  subject: 'bench.ping.get',
  access: 'user',
  request: z.object({}),
  reply: BenchPingReply,
  http: { method: 'GET', path: '/api/v1/bench/ping', tags: ['bench'] },
});

/** The product registry plus the bench contract, for the gateway started by the bench. */
export const benchRegistry = {
  ...registry,
  requests: [...registry.requests, benchPing],
};
