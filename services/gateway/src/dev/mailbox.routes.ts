import { listMailbox, type RequestOf } from '@seed/contracts';
import { isAppError, type NatsConnection, request } from '@seed/runtime';
import type { FastifyPluginAsync } from 'fastify';
import { mailboxPage } from './mailbox-page.ts';

interface MailboxQuery {
  to?: string;
  limit?: string;
}

// The query's strings as they came: the request validates them (a bad limit is a 400).
const queryOf = (q: MailboxQuery) =>
  ({ ...(q.to ? { to: q.to } : {}), ...(q.limit ? { limit: q.limit } : {}) }) as unknown as RequestOf<
    typeof listMailbox
  >;

/**
 * Development only (never registered in production): the worker's mailbox as JSON
 * (`GET /api/v1/dev/mailbox?to=`) and as a page (`GET /dev/mailbox`).
 */
export const devMailboxRoutes: FastifyPluginAsync<{ nc: NatsConnection }> = async (fastify, opts) => {
  const read = (query: MailboxQuery) => request(opts.nc, listMailbox, queryOf(query));

  fastify.get<{ Querystring: MailboxQuery }>('/api/v1/dev/mailbox', { schema: { hide: true } }, async (req) => {
    const { messages } = await read(req.query);
    return { data: messages };
  });

  fastify.get<{ Querystring: MailboxQuery }>('/dev/mailbox', { schema: { hide: true } }, async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    try {
      const { messages } = await read(req.query);
      return mailboxPage(messages, { to: req.query.to });
    } catch (err) {
      if (!isAppError(err)) throw err;
      const problem =
        err.code === 'service_unavailable'
          ? 'No worker keeps a mailbox: start the worker with the log drivers (the defaults), outside production.'
          : err.message;
      return mailboxPage([], { to: req.query.to, problem });
    }
  });
};
