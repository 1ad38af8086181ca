import {
  type Profile,
  type PublicUser,
  type SessionTokens,
  userCreated,
  userDeleted,
  userUpdated,
} from '@seed/contracts';
import { AppError, type Caller, type SnowflakeGenerator } from '@seed/runtime';
import type { AvatarsService } from '../avatars/index.ts';
import { violatedConstraint, violatedForeignKey } from '../db/database.ts';
import type { AuthStore, Repositories } from '../db/store.ts';
import type { RateLimiter } from '../limits/index.ts';
import { enforce } from '../limits/index.ts';
import type { PasswordHasher } from '../passwords/index.ts';
import { hashNewPassword, type PasswordGuard } from '../passwords/index.ts';
import type { ClientInfo, Revocations, SessionsService } from '../sessions/index.ts';
import type { EmailLinksService } from '../verification/index.ts';
import { isActive, type UserViews } from './user-views.ts';
import type { UserChanges, UserRow } from './users.repository.ts';

export interface SignupInput {
  email: string;
  password: string;
  nickname: string;
  name?: string | undefined;
  phoneVerificationId?: string | undefined;
}

export interface ProfileChanges {
  name?: string | null | undefined;
  nickname?: string | undefined;
  email?: string | undefined;
  phoneVerificationId?: string | null | undefined;
  avatarUploadId?: string | null | undefined;
}

const takenCode = {
  users_email_key: 'email_taken',
  users_phone_key: 'phone_taken',
  users_nickname_key: 'nickname_taken',
} as const;

/** Runs `fn`, turning a unique-index violation into its 409 code. */
async function unique<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = takenCode[violatedConstraint(err) as keyof typeof takenCode];
    if (code) throw new AppError(code, `${code.split('_')[0]} already in use`);
    // The avatar upload was removed between the check and the update.
    if (violatedForeignKey(err)) throw new AppError('upload_not_found', 'no avatar upload of yours with that id');
    throw err;
  }
}

/** Accounts: availability, signup, the owner's profile, and what others may see. */
export function createAccountsService(deps: {
  store: AuthStore;
  ids: SnowflakeGenerator;
  hasher: PasswordHasher;
  guard: PasswordGuard;
  limiter: RateLimiter;
  sessions: SessionsService;
  emailLinks: EmailLinksService;
  revocations: Revocations;
  avatars: AvatarsService;
  views: UserViews;
  signupEmailDomains: readonly string[];
  signupsPerIpPerHour: number;
  availabilityPerIpPerMin: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const { views } = deps;

  function checkDomain(email: string) {
    const domain = email.split('@').pop()?.toLowerCase() ?? '';
    if (deps.signupEmailDomains.length && !deps.signupEmailDomains.includes(domain))
      throw new AppError('email_domain_not_allowed', `emails of ${domain} cannot sign up`);
  }

  async function verifiedPhone(r: Repositories, verificationId: string): Promise<string> {
    const v = await r.phoneVerifications.consume(verificationId, 'signup', now());
    if (!v) throw new AppError('verification_invalid', 'the phone verification is not verified, used or expired');
    return v.phone;
  }

  async function ownAccount(caller: Caller): Promise<UserRow> {
    const user = await deps.store.users.byId(caller.userId);
    if (!user) throw new AppError('not_found', 'account not found');
    return user;
  }

  return {
    async availability(q: { email?: string; phone?: string; nickname?: string }, clientIp: string | undefined) {
      await enforce(deps.limiter, `auth:limit:availability-ip:${clientIp ?? 'unknown'}`, [
        { max: deps.availabilityPerIpPerMin, windowMs: 60_000 },
      ]);
      const taken = await deps.store.users.taken(q);
      const free = (t: boolean | undefined) => (t === undefined ? undefined : !t);
      return { email: free(taken.email), phone: free(taken.phone), nickname: free(taken.nickname) };
    },

    async signup(
      input: SignupInput,
      client: ClientInfo,
    ): Promise<SessionTokens | { user: Profile; pending: 'email_verification' }> {
      await enforce(deps.limiter, `auth:limit:signup-ip:${client.clientIp ?? 'unknown'}`, [
        { max: deps.signupsPerIpPerHour, windowMs: 3_600_000 },
      ]);
      checkDomain(input.email);
      // Answer a taken handle before spending a password hash on it; the unique indexes still decide races.
      const taken = await deps.store.users.taken({ email: input.email, nickname: input.nickname });
      if (taken.email) throw new AppError('email_taken', 'email already in use');
      if (taken.nickname) throw new AppError('nickname_taken', 'nickname already in use');
      const passwordHash = await hashNewPassword(deps.hasher, input, input.password);
      return deps.store.transaction(async (r) => {
        const phone = input.phoneVerificationId ? await verifiedPhone(r, input.phoneVerificationId) : null;
        const user = await unique(() =>
          r.users.insert({
            id: deps.ids.next(),
            email: input.email,
            nickname: input.nickname,
            name: input.name ?? null,
            phone,
            phoneVerifiedAt: phone ? now() : null,
            passwordHash,
          }),
        );
        await deps.emailLinks.sendVerification(r, user);
        if (!isActive(user)) return { user: await views.profile(user), pending: 'email_verification' as const };
        await r.send(userCreated, { user: await views.publicOne(user) });
        return deps.sessions.open(r, user, client);
      });
    },

    profile: async (caller: Caller): Promise<Profile> => views.profile(await ownAccount(caller)),

    async updateProfile(caller: Caller, changes: ProfileChanges): Promise<Profile> {
      const user = await ownAccount(caller);
      if (changes.email && changes.email.toLowerCase() !== user.email.toLowerCase()) checkDomain(changes.email);
      const updated = await deps.store.transaction(async (r) => {
        const set: UserChanges = {};
        if (changes.name !== undefined) set.name = changes.name;
        if (changes.nickname !== undefined) set.nickname = changes.nickname;
        if (changes.phoneVerificationId === null) Object.assign(set, { phone: null, phoneVerifiedAt: null });
        else if (changes.phoneVerificationId)
          Object.assign(set, { phone: await verifiedPhone(r, changes.phoneVerificationId), phoneVerifiedAt: now() });
        if (changes.avatarUploadId) await deps.avatars.checkUsable(r, changes.avatarUploadId, user.id);
        if (changes.avatarUploadId !== undefined) set.avatarUploadId = changes.avatarUploadId;
        const row = Object.keys(set).length ? await unique(() => r.users.update(user.id, set)) : user;
        if (!row) throw new AppError('not_found', 'account not found');
        // A new email counts once its owner opens the link sent to it; until then the old one stays.
        if (changes.email && changes.email.toLowerCase() !== user.email.toLowerCase()) {
          if ((await r.users.taken({ email: changes.email })).email)
            throw new AppError('email_taken', 'email already in use');
          await deps.emailLinks.sendVerification(r, row, changes.email);
        }
        if (row.nickname !== user.nickname || row.name !== user.name || row.avatarUploadId !== user.avatarUploadId)
          await r.send(userUpdated, { user: await views.publicOne(row) });
        return row;
      });
      return views.profile(updated);
    },

    async deleteAccount(caller: Caller, password: string): Promise<void> {
      const user = await ownAccount(caller);
      await deps.guard.check(user, password);
      const revoked = await deps.store.transaction(async (r) => {
        await r.users.softDelete(user.id);
        await r.send(userDeleted, { userId: user.id });
        return deps.sessions.revokeAllIn(r, user.id, 'account_deleted');
      });
      await deps.revocations.add(revoked);
    },

    async publicUser(id: string): Promise<PublicUser> {
      const user = await deps.store.users.byId(id);
      if (!user || !isActive(user)) throw new AppError('not_found', 'no such user');
      return views.publicOne(user);
    },

    async byNickname(nickname: string): Promise<PublicUser | null> {
      const user = await deps.store.users.byNickname(nickname);
      return user && isActive(user) ? views.publicOne(user) : null;
    },

    async byIds(ids: string[]): Promise<PublicUser[]> {
      return views.publicMany((await deps.store.users.byIds([...new Set(ids)])).filter(isActive));
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
