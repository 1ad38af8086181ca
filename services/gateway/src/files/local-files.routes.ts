import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import { createLocalFilesHandler, LOCAL_FILES_PATH } from '@seed/runtime/uploads';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

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
  fastify.put(`${LOCAL_FILES_PATH}/:token`, route);
  fastify.get(`${LOCAL_FILES_PATH}/:token`, route);
};
