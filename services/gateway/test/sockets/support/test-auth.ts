import { getJwks } from '@seed/contracts';
import type { NatsConnection } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { createTestTokens } from '../../support/tokens.ts';
import { newId } from './ids.ts';

/** Auth's side of tokens for one test file: signing keys and their JWKS served over NATS. */
export async function startTestAuth(nc: NatsConnection) {
  const tokens = await createTestTokens();
  const jwksContract = { ...getJwks, subject: `${uniqueName('sockettest')}.jwks.get` } as typeof getJwks;
  const responder = await tokens.serveJwks(nc, jwksContract);
  return {
    jwksContract,
    /** An access token for `userId`; a negative `expiresInSec` gives an expired one. */
    sign(userId: string, opts: { sessionId?: string; expiresInSec?: number } = {}): Promise<string> {
      return tokens.signAccessToken({
        sub: userId,
        sid: opts.sessionId ?? newId(),
        exp: Math.floor(Date.now() / 1000) + (opts.expiresInSec ?? 900),
      });
    },
    stop: () => responder.stop(),
  };
}
export type TestAuth = Awaited<ReturnType<typeof startTestAuth>>;
