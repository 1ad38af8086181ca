import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import { type PhoneCodePurpose, smsSend } from '@seed/contracts';
import { AppError, type SnowflakeGenerator } from '@seed/runtime';
import type { AuthStore } from '../db/store.ts';
import type { RateLimiter } from '../limits/index.ts';
import { enforce } from '../limits/index.ts';
import { messages } from './messages.ts';

export const CODE_TTL_MS = 5 * 60_000;
export const VERIFIED_TTL_MS = 15 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
const PER_PHONE = [
  { max: 1, windowMs: 60_000 },
  { max: 5, windowMs: 3_600_000 },
] as const;

/** Phone ownership by SMS code: send, check (5 tries), then one use within 15 minutes. */
export function createPhoneCodesService(deps: {
  store: AuthStore;
  ids: SnowflakeGenerator;
  limiter: RateLimiter;
  codeSecret: string;
  messagesPerIpPerHour: number;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const hmacKey = Buffer.from(hkdfSync('sha256', deps.codeSecret, 'seed-auth', 'phone codes v1', 32));
  const codeHash = (id: string, code: string) =>
    createHmac('sha256', hmacKey).update(`${id}:${code}`).digest('base64url');

  return {
    async send(input: { phone: string; purpose: PhoneCodePurpose }, clientIp: string | undefined) {
      await enforce(deps.limiter, `auth:limit:messages-ip:${clientIp ?? 'unknown'}`, [
        { max: deps.messagesPerIpPerHour, windowMs: 3_600_000 },
      ]);
      await enforce(deps.limiter, `auth:limit:sms:${input.phone}`, PER_PHONE);
      const id = deps.ids.next();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now().getTime() + CODE_TTL_MS);
      await deps.store.transaction(async (r) => {
        await r.phoneVerifications.insert({
          id,
          phone: input.phone,
          purpose: input.purpose,
          codeHash: codeHash(id, code),
          expiresAt,
        });
        await r.send(smsSend, { to: input.phone, text: messages.phoneCode(code) }, `sms:${id}`);
      });
      return { verificationId: id, expiresAt: expiresAt.toISOString() };
    },

    async verify(input: { verificationId: string; code: string }) {
      const { phoneVerifications } = deps.store;
      const v = await phoneVerifications.byId(input.verificationId);
      if (!v || v.verifiedAt || v.consumedAt)
        throw new AppError('verification_invalid', 'no such pending verification');
      if (v.expiresAt <= now()) throw new AppError('code_expired', 'the code has expired; ask for a new one');
      const tries = await phoneVerifications.countAttempt(v.id, MAX_CODE_ATTEMPTS);
      if (tries === undefined) throw new AppError('code_attempts_exceeded', 'too many wrong codes; ask for a new one');
      const right = timingSafeEqual(Buffer.from(codeHash(v.id, input.code)), Buffer.from(v.codeHash));
      if (!right) {
        if (tries >= MAX_CODE_ATTEMPTS)
          throw new AppError('code_attempts_exceeded', 'too many wrong codes; ask for a new one');
        throw new AppError('code_invalid', 'wrong code', { attemptsLeft: MAX_CODE_ATTEMPTS - tries });
      }
      const verifiedUntil = new Date(now().getTime() + VERIFIED_TTL_MS);
      await phoneVerifications.markVerified(v.id, now(), verifiedUntil);
      return { verificationId: v.id, verifiedUntil: verifiedUntil.toISOString() };
    },
  };
}
export type PhoneCodesService = ReturnType<typeof createPhoneCodesService>;
