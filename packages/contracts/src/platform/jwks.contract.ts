import { z } from 'zod';
import { defineRequest } from '../define.ts';

export const Jwk = z.looseObject({
  kty: z.string(),
  kid: z.string(),
  alg: z.string().optional(),
  use: z.string().optional(),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
});
export const JwkSet = z.object({ keys: z.array(Jwk) });
export type JwkSet = z.infer<typeof JwkSet>;

/**
 * Served by auth; called by the gateway to verify access tokens locally, and by clients at the
 * root. Read-only, idempotent.
 */
export const getJwks = defineRequest({
  subject: 'auth.jwks.get',
  access: 'public',
  request: z.object({}),
  reply: JwkSet,
  http: {
    method: 'GET',
    path: '/.well-known/jwks.json',
    raw: true,
    tags: ['auth'],
    summary: 'Public keys of access tokens',
    description:
      'The JWK Set whose keys verify access tokens (EdDSA or ES256, by `kid`). A rotated-out key stays here until every token it signed has expired.',
  },
  timeoutMs: 2_000,
});
