import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Development only: the web console's build at `/console/`. Compose and k8s serve it from its own
 * image instead; a checkout that has not built it is told how to.
 */
export const consoleRoutes: FastifyPluginAsync<{ dir: string }> = async (fastify, opts) => {
  if (!existsSync(join(opts.dir, 'index.html'))) {
    fastify.get('/console/*', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(404).type('text/plain').send(`The console is not built (${opts.dir}): run npm run console:build`),
    );
    return;
  }
  await fastify.register(fastifyStatic, { root: opts.dir, prefix: '/console/', maxAge: 0 });
  // The router ignores trailing slashes, so `/console` and `/console/` are this one route; the page's
  // relative asset paths need the slash.
  fastify.get('/console/', { schema: { hide: true } }, async (req, reply) =>
    req.url.split('?')[0]?.endsWith('/')
      ? reply.sendFile('index.html')
      : reply.redirect(`${req.url.replace(/^\/console/, '/console/')}`),
  );
};
