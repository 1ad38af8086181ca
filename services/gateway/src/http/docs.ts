import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { buildAsyncApi, type Registry } from '@seed/contracts';
import fp from 'fastify-plugin';
import { modelComponents } from './openapi-models.ts';
import { BEARER_SCHEME } from './openapi-schema.ts';
import { API_TAGS } from './openapi-tags.ts';

/**
 * OpenAPI 3.1 at `/docs/json`, the UI at `/docs`, AsyncAPI of what clients use (Socket.IO and raw
 * WebSocket; the NATS subjects are in the operators' document, `npm run docs:asyncapi`) at
 * `/docs/asyncapi.json`.
 * Each contract route supplies its own OpenAPI schemas (see contract-routes), so registering this
 * before the routes is all it takes.
 */
export const apiDocs = fp<{ version: string; registry: Registry }>(
  async (fastify, opts) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Seed API',
          version: opts.version,
          description:
            'Accounts, shared playlists (PlayCo) and chat behind one gateway. Successes are `{data}` ' +
            '(lists: `{data, nextCursor}`); failures are `{error: {code, message, details?}}` with the status ' +
            'of the code. Sign in with `POST /api/v1/auth/login` and send `Authorization: Bearer <accessToken>`. ' +
            'Real-time events are in the AsyncAPI document at `/docs/asyncapi.json`.',
        },
        servers: [{ url: '/', description: 'This gateway' }],
        tags: API_TAGS,
        components: {
          securitySchemes: { [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
          schemas: modelComponents(),
        },
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/docs' });
    let asyncApi: unknown;
    fastify.get('/docs/asyncapi.json', { schema: { hide: true } }, async () => {
      asyncApi ??= buildAsyncApi(opts.registry, { version: opts.version, audience: 'clients' });
      return asyncApi;
    });
  },
  { name: 'api-docs' },
);
