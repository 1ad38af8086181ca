import { getUsers, legacyRoomsConnect } from '@seed/contracts';
import { isAppError, type Logger, type NatsConnection, request } from '@seed/runtime';
import type { ExtendedError, Socket } from 'socket.io';
import type { TokenVerifier } from '../../auth/index.ts';

const refusal = (code: 'E01' | 'E02' | 'E03' | 'E04', content: string): ExtendedError => {
  const err: ExtendedError = new Error(code);
  err.data = { content };
  return err;
};

/**
 * The legacy handshake `auth: {token, nickname}`: an expired token is E01, any other bad token
 * E02, a failure on our side E03, a missing nickname E04 (the original anonymous fallback is gone).
 * Others see the account's nickname, the one chat shows on messages; the handshake's stands in
 * only while auth cannot say.
 */
export function legacyRoomsHandshake(deps: { verifier: TokenVerifier; nc: NatsConnection; logger: Logger }) {
  const { verifier, logger } = deps;
  // Checked field by field: the token decides E01–E03 before a missing nickname is E04.
  const fields = legacyRoomsConnect.payload.shape;
  return async (socket: Socket, next: (err?: ExtendedError) => void): Promise<void> => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; nickname?: unknown };
    const token = fields.token.safeParse(auth.token);
    if (!token.success) return next(refusal('E02', 'login required'));
    try {
      socket.data.caller = await verifier.verify(token.data);
    } catch (err) {
      if (isAppError(err) && err.code === 'token_expired') return next(refusal('E01', 'refresh required'));
      if (isAppError(err) && err.code === 'unauthenticated') return next(refusal('E02', 'login required'));
      if (!isAppError(err)) logger.error({ err }, 'legacy rooms handshake failed');
      return next(refusal('E03', 'login again'));
    }
    const nickname = fields.nickname.safeParse(auth.nickname);
    if (!nickname.success) return next(refusal('E04', 'nickname required'));
    const { userId } = socket.data.caller;
    const account = await request(deps.nc, getUsers, { ids: [userId] }).catch(() => undefined);
    socket.data.nickname = account?.users[0]?.nickname ?? nickname.data.slice(0, 32);
    next();
  };
}
