import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * JSON bodies as Fastify parses them, except that an empty one is no body: fetch wrappers send
 * `Content-Type: application/json` on every request, a bodiless DELETE or POST included.
 */
export const jsonBodies: FastifyPluginAsync = fp(
  async (fastify) => {
    const parseJson = fastify.getDefaultJsonParser('error', 'error');
    fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      if (body.length === 0) return done(null, undefined);
      parseJson(req, body as string, done);
    });
  },
  { name: 'json-bodies' },
);
