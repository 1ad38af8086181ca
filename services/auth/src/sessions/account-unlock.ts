import type { UserRow } from '../accounts/index.ts';
import { accountLockSubject, type LoginLockout } from '../limits/index.ts';
import { loginKind } from './sessions.service.ts';

type UserFinder = Record<'byEmail' | 'byPhone' | 'byNickname', (login: string) => Promise<UserRow | undefined>>;

export interface Unlocked {
  user: Pick<UserRow, 'id' | 'nickname' | 'email' | 'phone'>;
  /** How much longer the account would have stayed locked; 0 when it was not locked. */
  wasLockedForMs: number;
}

/** Finds an account by email, phone or nickname (as login does) and lifts its wrong-password lockout. */
export function createAccountUnlock(deps: { users: UserFinder; lockout: LoginLockout }) {
  return {
    /** Undefined when no live account matches `login`. */
    async unlock(login: string): Promise<Unlocked | undefined> {
      const kind = loginKind(login);
      const user =
        kind === 'email'
          ? await deps.users.byEmail(login)
          : kind === 'phone'
            ? await deps.users.byPhone(login)
            : await deps.users.byNickname(login);
      if (!user) return undefined;
      const subject = accountLockSubject(user.id);
      const wasLockedForMs = await deps.lockout.lockedFor(subject);
      await deps.lockout.clear(subject);
      return { user: { id: user.id, nickname: user.nickname, email: user.email, phone: user.phone }, wasLockedForMs };
    },
  };
}
