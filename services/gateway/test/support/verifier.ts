import { getJwks } from '@seed/contracts';
import type { Logger, NatsConnection, Redis } from '@seed/runtime';
import type { TestTokens } from '@seed/testkit';
import { createTokenVerifier } from '../../src/auth/token-verifier.ts';

type VerifierOptions = Parameters<typeof createTokenVerifier>[0];

/** A token verifier as the gateway builds one, trusting what `tokens` sign, on a test's NATS and Redis. */
export function testVerifier(
  deps: { nc: NatsConnection; redis: Redis; logger: Logger; tokens: TestTokens },
  opts: Partial<VerifierOptions> = {},
) {
  return createTokenVerifier({
    nc: deps.nc,
    redis: deps.redis,
    logger: deps.logger,
    issuer: deps.tokens.issuer,
    audience: deps.tokens.audience,
    algorithms: ['EdDSA'],
    jwksContract: getJwks,
    ...opts,
  });
}
