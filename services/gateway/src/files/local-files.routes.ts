import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import { createLocalFilesHandler, LOCAL_FILES_PATH } from '@seed/runtime/uploads';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { localFileDocs } from './local-files.docs.ts';

/**
 * The local storage driver's files: `PUT` streams an upload into the NATS object store, `GET`
 * streams one out, each under a short-lived grant a service issued. Bodies are streamed, never
 * parsed or buffered.
 */
export const localFileRoutes: FastifyPluginAsync<{ nc: NatsConnection; redis: Redis; logger: Logger }> = async (
  fastify,
  opts,
) => {
  const handle = createLocalFilesHandler({ nc: opts.nc, redis: opts.redis });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const route = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    reply.hijack();
    try {
      await handle(request.params.token, request.raw, reply.raw);
    } catch (err) {
      opts.logger.error({ err }, 'local file transfer failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }));
      } else reply.raw.destroy();
    }
  };
  const url = `${LOCAL_FILES_PATH}/:token`;
  // The schemas document the route; they are not set on it, so the streamed body is never parsed.
  fastify.put(url, { config: { swaggerTransform: () => ({ schema: localFileDocs.put, url }) } }, route);
  fastify.get(url, { config: { swaggerTransform: () => ({ schema: localFileDocs.get, url }) } }, route);
};
