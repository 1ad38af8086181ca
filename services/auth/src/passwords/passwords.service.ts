import { AppError, type Caller } from '@seed/runtime';
import type { UserRow } from '../accounts/index.ts';
import type { AuthStore, Repositories } from '../db/store.ts';
import type { LoginLockout } from '../limits/index.ts';
import { accountLockSubject, tooMany } from '../limits/index.ts';
import type { Revocations, SessionsService } from '../sessions/index.ts';
import { hashToken } from '../tokens/index.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { passwordProblems } from './password-policy.ts';

export type SetPasswordInput =
  | { currentPassword: string; newPassword: string }
  | { phoneVerificationId: string; newPassword: string }
  | { resetToken: string; newPassword: string };

/** Password checks shared by every flow that needs the account owner's password. */
export function createPasswordGuard(deps: { hasher: PasswordHasher; lockout: LoginLockout }) {
  return {
    /** Throws `account_locked` or `wrong_password`; wrong tries count towards the lockout. */
    async check(user: UserRow, password: string): Promise<void> {
      const subject = accountLockSubject(user.id);
      const lockedMs = await deps.lockout.lockedFor(subject);
      if (lockedMs > 0) throw tooMany('account_locked', lockedMs);
      if (!(await deps.hasher.verify(user.passwordHash, password))) {
        await deps.lockout.recordFailure(subject);
        throw new AppError('wrong_password', 'the password is not right');
      }
    },
  };
}
export type PasswordGuard = ReturnType<typeof createPasswordGuard>;

/** The new password's hash, or `weak_password` with the reasons. */
export async function hashNewPassword(
  hasher: PasswordHasher,
  user: Pick<UserRow, 'email' | 'nickname'>,
  password: string,
) {
  const problems = passwordProblems(password, user);
  if (problems.length) throw new AppError('weak_password', `the password ${problems[0]}`, { problems });
  return hasher.hash(password);
}

/** Change with the current password, or reset with a phone verification or an emailed token. */
export function createPasswordsService(deps: {
  store: AuthStore;
  hasher: PasswordHasher;
  guard: PasswordGuard;
  lockout: LoginLockout;
  sessions: SessionsService;
  revocations: Revocations;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  /** Finds the account a reset proves, inside the transaction that uses the proof up. */
  async function resetTarget(r: Repositories, input: SetPasswordInput): Promise<UserRow> {
    if ('phoneVerificationId' in input) {
      const v = await r.phoneVerifications.consume(input.phoneVerificationId, 'reset', now());
      const user = v && (await r.users.byPhone(v.phone));
      if (!user) throw new AppError('verification_invalid', 'no verified phone of an account matches');
      return user;
    }
    if ('resetToken' in input) {
      const t = await r.emailTokens.consume(hashToken(input.resetToken), 'reset', now());
      const user = t && (await r.users.byId(t.userId));
      if (!user) throw new AppError('email_token_invalid', 'the link is invalid, used or expired');
      return user;
    }
    throw new AppError('bad_request', 'no reset proof');
  }

  return {
    async set(input: SetPasswordInput, caller: Caller | undefined) {
      let revoked: string[];
      if ('currentPassword' in input) {
        if (!caller) throw new AppError('unauthenticated', 'sign in to change the password');
        const user = await deps.store.users.byId(caller.userId);
        if (!user) throw new AppError('unauthenticated', 'sign in to change the password');
        await deps.guard.check(user, input.currentPassword);
        const passwordHash = await hashNewPassword(deps.hasher, user, input.newPassword);
        revoked = await deps.store.transaction(async (r) => {
          await r.users.update(user.id, { passwordHash });
          return deps.sessions.revokeAllIn(r, user.id, 'password_changed', caller.sessionId);
        });
      } else {
        revoked = await deps.store.transaction(async (r) => {
          const user = await resetTarget(r, input);
          const passwordHash = await hashNewPassword(deps.hasher, user, input.newPassword);
          await r.users.update(user.id, { passwordHash });
          await deps.lockout.clear(accountLockSubject(user.id));
          return deps.sessions.revokeAllIn(r, user.id, 'password_changed');
        });
      }
      await deps.revocations.add(revoked);
      return { changed: true as const, sessionsRevoked: revoked.length };
    },
  };
}
export type PasswordsService = ReturnType<typeof createPasswordsService>;
