import type { JsonSchema } from './json-schema.ts';

const mailboxQuery = [
  { in: 'query', name: 'to', schema: { type: 'string', format: 'email' } },
  { in: 'query', name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 500 } },
];

/**
 * Routes the gateway serves outside production, as the chaos cluster runs, that the API documents
 * leave out: the development mailbox as JSON and as a page. Written as OpenAPI paths, so they get
 * the cases every documented operation gets.
 */
export const DEVELOPMENT_PATHS: Record<string, Record<string, JsonSchema>> = {
  '/api/v1/dev/mailbox': { get: { operationId: 'dev.mailbox.list', parameters: mailboxQuery, security: [{}] } },
  '/dev/mailbox': { get: { operationId: 'dev.mailbox.page', parameters: mailboxQuery, security: [{}] } },
};
