import fastifyCors from '@fastify/cors';
import fp from 'fastify-plugin';

/** Browser origins allowed to call the API; with none configured, cross-origin calls get no CORS headers. */
export const cors = fp<{ origins: string[] }>(
  async (fastify, opts) => {
    const anyOrigin = opts.origins.includes('*');
    await fastify.register(fastifyCors, {
      origin: anyOrigin ? '*' : opts.origins.length ? opts.origins : false,
      // Cookies (the refresh token) only go to origins named one by one.
      credentials: !anyOrigin && opts.origins.length > 0,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-request-id', 'retry-after', 'etag'],
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
