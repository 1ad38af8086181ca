import { getUsers } from '@seed/contracts';
import { AppError, type NatsConnection, request } from '@seed/runtime';

export interface UserDirectory {
  /** The user's nickname; `not_found` for an unknown or deleted account. */
  nickname(userId: string): Promise<string>;
}

/** Nicknames from auth (`auth.user.get`). */
export function createUserDirectory(nc: NatsConnection): UserDirectory {
  return {
    async nickname(userId) {
      const { users } = await request(nc, getUsers, { ids: [userId] });
      const user = users.find((u) => u.id === userId);
      if (!user) throw new AppError('not_found', 'no such user');
      return user.nickname;
    },
  };
}
