import { login, RewindLoginForm, RewindRegisterForm, signup } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import { toHttpError } from '../../http/index.ts';
import { contractCallFor, type LegacyHttpDeps } from '../legacy-http.ts';

function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('validation_failed', issue?.message ?? 'the form is incomplete');
}

/**
 * The REWIND app's HTTP routes (SPEC §4) under its `ROOT`: form-encoded register and login,
 * answered 201 `{type, payload}`; a failure is `{type: "error", payload: {code, message}}` with its
 * status (the app shows `payload.message`). Register with the prefix `/legacy/rewind`.
 */
export const legacyRewindRoutes: FastifyPluginAsync<LegacyHttpDeps> = async (fastify, deps) => {
  fastify.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  fastify.setErrorHandler(async (err, req, reply) => {
    const { status, body, unexpected } = toHttpError(err);
    if (unexpected) req.log.error({ err }, 'legacy REWIND request failed');
    return reply.code(status).send({ type: 'error', payload: { code: body.code, message: body.message } });
  });

  fastify.post('/api/v1/auth/register', async (req, reply) => {
    const { name, email, password } = parseForm(RewindRegisterForm, req.body);
    await contractCallFor(deps, req)(signup, { email, password, nickname: name });
    return reply
      .code(201)
      .send({ type: 'info', payload: { message: 'successfully created an account creation request.' } });
  });

  fastify.post('/api/v1/auth/login', async (req, reply) => {
    const { email, password } = parseForm(RewindLoginForm, req.body);
    const tokens = await contractCallFor(deps, req)(login, { login: email, password });
    return reply.code(201).send({ type: 'auth', payload: { token: tokens.accessToken } });
  });
};
