import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id, Timestamp } from '../ids.ts';
import { Accepted, Email, OpaqueToken, Phone, PhoneCode } from './schemas.ts';

export const PhoneCodePurpose = z.enum(['signup', 'reset', 'login']);
export type PhoneCodePurpose = z.infer<typeof PhoneCodePurpose>;

/**
 * Served by auth; called by clients. Sends a random 6-digit code by SMS (job), valid 5 minutes.
 * One send per phone per 60 s and 5 per hour, and a per-IP quota: `rate_limited` (429,
 * `details.retryAfterMs`). Not idempotent: each call sends a new code.
 */
export const sendPhoneCode = defineRequest({
  subject: 'auth.phonecode.send',
  access: 'public',
  request: z.strictObject({ phone: Phone, purpose: PhoneCodePurpose }),
  reply: z.object({ verificationId: Id, expiresAt: Timestamp }),
  errors: ['rate_limited'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/phone/codes',
    status: 201,
    tags: ['auth'],
    summary: 'Send a verification code by SMS',
    description:
      'Sends a random 6-digit code to the phone, valid 5 minutes. Verify it with `POST /api/v1/auth/phone/verify`; a verified `signup` code makes signup active at once, a `reset` code resets a password. One SMS per phone per 60 s and 5 per hour (`rate_limited` with `Retry-After`).',
    example: { phone: '+821012345678', purpose: 'signup' },
  },
});

/**
 * Served by auth; called by clients. Checks a code: 5 wrong tries burn it
 * (`code_attempts_exceeded`); success marks the verification verified for 15 minutes, usable once
 * by signup or a password reset.
 */
export const verifyPhoneCode = defineRequest({
  subject: 'auth.phonecode.verify',
  access: 'public',
  request: z.strictObject({ verificationId: Id, code: PhoneCode }),
  reply: z.object({ verificationId: Id, verifiedUntil: Timestamp }),
  errors: ['verification_invalid', 'code_invalid', 'code_expired', 'code_attempts_exceeded'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/phone/verify',
    tags: ['auth'],
    summary: 'Verify an SMS code',
    description:
      'Checks the code of a verification. Success keeps the verification usable once within 15 minutes (as `phoneVerificationId`); five wrong tries burn the code (`code_attempts_exceeded`).',
    example: { verificationId: '7269113002335297536', code: '482913' },
  },
});

/** Served by auth; called by clients opening the emailed link. Confirms the email; once. */
export const verifyEmail = defineRequest({
  subject: 'auth.email.verify',
  access: 'public',
  request: z.strictObject({ token: OpaqueToken }),
  reply: z.object({ verified: z.literal(true) }),
  errors: ['email_token_invalid'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/email/verify',
    tags: ['auth'],
    summary: 'Confirm an email address',
    description:
      'Confirms the email with the token of the emailed link (the `token` query parameter). A token works once.',
    example: { token: 'q3Xb7TfK9mWcR2yLp8VnZs4Hd6Ju1AeG' },
  },
});

/**
 * Served by auth; called by clients. Sends the verification link again when an unverified account
 * has this email; answers the same, in the same time, either way. Rate limited per IP and email.
 */
export const resendEmailVerification = defineRequest({
  subject: 'auth.email.resend',
  access: 'public',
  request: z.strictObject({ email: Email }),
  reply: Accepted,
  errors: ['rate_limited'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/email/resend',
    status: 202,
    tags: ['auth'],
    summary: 'Send the confirmation link again',
    description:
      'Emails a new confirmation link when an unverified account has this address; answers the same, in the same time, either way. Rate limited per IP and address.',
    example: { email: 'ada@example.com' },
  },
});
