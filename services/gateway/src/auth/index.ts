export { bearerToken } from './bearer.ts';
export { tokenExpiresAt } from './token-expiry.ts';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './token-verifier.ts';
