import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { Accepted, Email, GivenPassword, NewPassword, OpaqueToken } from './schemas.ts';

export const SetPasswordRequest = z.union([
  z.strictObject({ currentPassword: GivenPassword, newPassword: NewPassword }),
  z.strictObject({ phoneVerificationId: Id, newPassword: NewPassword }),
  z.strictObject({ resetToken: OpaqueToken, newPassword: NewPassword }),
]);

/**
 * Served by auth; called by clients. Changes the password with the current one (signed in; other
 * sessions are signed out), or resets it with a phone verification of purpose `reset` or an
 * emailed reset token (every session is signed out).
 */
export const setPassword = defineRequest({
  subject: 'auth.password.set',
  access: 'public',
  request: SetPasswordRequest,
  reply: z.object({ changed: z.literal(true), sessionsRevoked: z.number().int().min(0) }),
  errors: [
    'unauthenticated',
    'wrong_password',
    'account_locked',
    'weak_password',
    'verification_invalid',
    'email_token_invalid',
  ],
  http: {
    method: 'PUT',
    path: '/api/v1/auth/password',
    tags: ['auth'],
    summary: 'Change or reset the password',
    description:
      "Changes the password with the current one (the caller's other sessions are signed out), or resets it with a phone verification of purpose `reset` or the token of an emailed reset link (every session is signed out).",
    example: { currentPassword: 'correct horse battery', newPassword: 'staple battery horse correct' },
  },
});

/**
 * Served by auth; called by clients. Emails a password reset link (valid 1 h) when an account has
 * this email; answers the same, in the same time, either way. Rate limited per IP and email.
 */
export const requestPasswordResetEmail = defineRequest({
  subject: 'auth.password.forgot',
  access: 'public',
  request: z.strictObject({ email: Email }),
  reply: Accepted,
  errors: ['rate_limited'],
  http: {
    method: 'POST',
    path: '/api/v1/auth/password/reset-email',
    status: 202,
    tags: ['auth'],
    summary: 'Email a password reset link',
    description:
      'Emails a reset link (valid 1 h) when an account has this address; answers the same, in the same time, either way. Rate limited per IP and address.',
    example: { email: 'ada@example.com' },
  },
});
