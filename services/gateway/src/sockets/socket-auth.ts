import { isAppError, type Logger } from '@seed/runtime';
import type { ExtendedError } from 'socket.io';
import type { TokenVerifier } from '../auth/index.ts';
import { bearerToken, tokenExpiresAt } from '../auth/index.ts';
import type { GatewaySocket } from './socket-data.ts';

/** The access token of a handshake: `auth: {token}`, else an `Authorization: Bearer` header. */
export function handshakeToken(handshake: GatewaySocket['handshake']): string | undefined {
  const fromAuth = (handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth !== '') return fromAuth;
  return bearerToken(handshake.headers.authorization);
}

function connectError(code: string, message: string): ExtendedError {
  const err: ExtendedError = new Error(code);
  err.data = { code, message };
  return err;
}

/**
 * Namespace middleware: a socket connects only with a valid access token; otherwise the client
 * gets `connect_error` whose message is the error code (`unauthenticated`, `token_expired`, or
 * `service_unavailable` when keys cannot be fetched) and whose `data` is `{code, message}`.
 */
export function authenticateSockets(verifier: TokenVerifier, logger: Logger) {
  return async (socket: GatewaySocket, next: (err?: ExtendedError) => void): Promise<void> => {
    const token = handshakeToken(socket.handshake);
    if (!token) return next(connectError('unauthenticated', 'access token required'));
    try {
      const caller = await verifier.verify(token);
      socket.data.caller = { userId: caller.userId, sessionId: caller.sessionId };
      const exp = tokenExpiresAt(token);
      if (exp !== undefined) socket.data.tokenExpiresAt = exp;
      // Nothing reads the token again: the socket keeps neither the bearer secret nor its bytes.
      const { token: _token, ...auth } = (socket.handshake.auth ?? {}) as Record<string, unknown>;
      socket.handshake.auth = auth;
      next();
    } catch (err) {
      if (isAppError(err)) return next(connectError(err.code, err.message));
      logger.error({ err }, 'socket authentication failed');
      next(connectError('internal', 'internal error'));
    }
  };
}
