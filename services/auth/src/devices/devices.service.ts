import { AppError, type Caller } from '@seed/runtime';
import type { AuthStore } from '../db/store.ts';

/** Push tokens, each tied to the session that registered it (signing out forgets it). */
export function createDevicesService(deps: { store: AuthStore }) {
  const { devices } = deps.store;
  return {
    async register(caller: Caller, input: { token: string; platform: 'android' | 'ios' | 'web' }) {
      const row = await devices.upsert({ ...input, userId: caller.userId, sessionId: caller.sessionId });
      return { token: row.token, platform: row.platform, createdAt: row.createdAt.toISOString() };
    },
    async unregister(caller: Caller, token: string) {
      if (!(await devices.removeOwn(caller.userId, token))) throw new AppError('not_found', 'no such device');
    },
    list: (userIds: string[]) => devices.ofUsers(userIds),
    invalidate: (tokens: string[]) => devices.removeTokens(tokens),
  };
}
export type DevicesService = ReturnType<typeof createDevicesService>;
