import { emailSend, userCreated } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { UserRow } from '../accounts/index.ts';
import { isActive, type UserViews } from '../accounts/index.ts';
import { violatedConstraint } from '../db/database.ts';
import type { AuthStore, Repositories } from '../db/store.ts';
import type { RateLimiter } from '../limits/index.ts';
import { atEqualTime, enforce } from '../limits/index.ts';
import { hashToken, newOpaqueToken } from '../tokens/index.ts';
import { linkWithToken, messages } from './messages.ts';

export const VERIFY_LINK_TTL_MS = 48 * 3_600_000;
export const RESET_LINK_TTL_MS = 3_600_000;
const PER_EMAIL = [{ max: 3, windowMs: 3_600_000 }] as const;

/** Emailed links: address verification (signup, email change) and password reset. */
export function createEmailLinksService(deps: {
  store: AuthStore;
  limiter: RateLimiter;
  views: UserViews;
  verifyUrl: string;
  resetUrl: string;
  messagesPerIpPerHour: number;
  equalTimeMs: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  async function issue(r: Repositories, user: UserRow, email: string, purpose: 'verify' | 'reset') {
    const token = newOpaqueToken();
    const ttl = purpose === 'verify' ? VERIFY_LINK_TTL_MS : RESET_LINK_TTL_MS;
    await r.emailTokens.insert({
      tokenHash: hashToken(token),
      userId: user.id,
      purpose,
      email,
      expiresAt: new Date(now().getTime() + ttl),
    });
    const mail =
      purpose === 'verify'
        ? messages.verifyEmail(linkWithToken(deps.verifyUrl, token))
        : messages.resetPassword(linkWithToken(deps.resetUrl, token));
    await r.send(emailSend, { to: email, ...mail });
  }

  /** Per-IP and per-address quotas, then the same answer in the same time whatever matched. */
  async function quietly(email: string, clientIp: string | undefined, work: () => Promise<void>) {
    await enforce(deps.limiter, `auth:limit:messages-ip:${clientIp ?? 'unknown'}`, [
      { max: deps.messagesPerIpPerHour, windowMs: 3_600_000 },
    ]);
    await enforce(deps.limiter, `auth:limit:email:${email.toLowerCase()}`, PER_EMAIL);
    await atEqualTime(deps.equalTimeMs, work);
    return { accepted: true as const };
  }

  return {
    /** Sends a verification link for `email` (the account's, or the one it is changing to). */
    sendVerification: (r: Repositories, user: UserRow, email = user.email) => issue(r, user, email, 'verify'),

    async verify(token: string) {
      const done = await deps.store.transaction(async (r) => {
        const t = await r.emailTokens.consume(hashToken(token), 'verify', now());
        const user = t && (await r.users.byId(t.userId));
        if (!t || !user) return false;
        const wasActive = isActive(user);
        try {
          const updated = await r.users.update(user.id, { email: t.email, emailVerifiedAt: now() });
          if (updated && !wasActive) await r.send(userCreated, { user: await deps.views.publicOne(updated) });
        } catch (err) {
          if (violatedConstraint(err) === 'users_email_key') throw new AppError('email_taken', 'email already in use');
          throw err;
        }
        return true;
      });
      if (!done) throw new AppError('email_token_invalid', 'the link is invalid, used or expired');
      return { verified: true as const };
    },

    resend: (email: string, clientIp: string | undefined) =>
      quietly(email, clientIp, async () => {
        const user = await deps.store.users.byEmail(email);
        if (user && !user.emailVerifiedAt) await deps.store.transaction((r) => issue(r, user, user.email, 'verify'));
      }),

    forgot: (email: string, clientIp: string | undefined) =>
      quietly(email, clientIp, async () => {
        const user = await deps.store.users.byEmail(email);
        if (user) await deps.store.transaction((r) => issue(r, user, user.email, 'reset'));
      }),
  };
}
export type EmailLinksService = ReturnType<typeof createEmailLinksService>;
