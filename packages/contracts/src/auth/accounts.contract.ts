import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { Email, NewPassword, Nickname, PersonName, Phone, Profile, SessionTokens } from './schemas.ts';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * Served by auth; called by signup forms. Which of the given email, phone and nickname are still
 * free (`true` = free). Read-only; rate limited per IP.
 */
export const checkAvailability = defineRequest({
  subject: 'auth.availability.check',
  access: 'public',
  request: z
    .strictObject({
      email: z.preprocess(emptyToUndefined, Email.optional()),
      phone: z.preprocess(emptyToUndefined, Phone.optional()),
      nickname: z.preprocess(emptyToUndefined, Nickname.optional()),
    })
    .refine((q) => q.email ?? q.phone ?? q.nickname, 'name an email, a phone or a nickname'),
  reply: z.object({ email: z.boolean().optional(), phone: z.boolean().optional(), nickname: z.boolean().optional() }),
  errors: ['rate_limited'],
  http: {
    method: 'GET',
    path: '/api/v1/auth/availability',
    tags: ['auth'],
    summary: 'Check whether an email, phone or nickname is free',
    description: 'Answers `true` for each given value that no account uses yet, for signup forms. Rate limited per IP.',
    example: { email: 'ada@example.com', nickname: 'ada' },
  },
});

export const SignupRequest = z.strictObject({
  email: Email,
  password: NewPassword,
  nickname: Nickname,
  name: PersonName.optional(),
  /** A phone verification (purpose `signup`) that succeeded: the account is active at once. */
  phoneVerificationId: Id.optional(),
});

/**
 * Served by auth; called by clients. With a verified phone the account is active at once and the
 * reply carries the session's tokens; otherwise a verification link (valid 48 h) is emailed and
 * login waits for it (`pending: "email_verification"`). Rate limited per IP. Not idempotent.
 */
export const signup = defineRequest({
  subject: 'auth.account.create',
  access: 'public',
  request: SignupRequest,
  reply: z.union([SessionTokens, z.object({ user: Profile, pending: z.literal('email_verification') })]),
  errors: [
    'email_taken',
    'phone_taken',
    'nickname_taken',
    'weak_password',
    'email_domain_not_allowed',
    'verification_invalid',
    'rate_limited',
  ],
  http: {
    method: 'POST',
    path: '/api/v1/auth/signup',
    status: 201,
    tags: ['auth'],
    refreshCookie: 'set',
    summary: 'Sign up',
    description:
      'Creates an account. With a verified phone (`phoneVerificationId`) it is active at once and the reply carries the session\'s tokens; otherwise the reply is `{user, pending: "email_verification"}`, a confirmation link (valid 48 h) is emailed, and login waits for it. Browsers get the refresh token in an HttpOnly cookie instead of the body. Rate limited per IP.',
    example: { email: 'ada@example.com', password: 'correct horse battery', nickname: 'ada', name: 'Ada Lovelace' },
  },
});

/** Served by auth; called by clients. The caller's own account. */
export const getProfile = defineRequest({
  subject: 'auth.profile.get',
  access: 'user',
  request: z.strictObject({}),
  reply: Profile,
  errors: ['not_found'],
  http: {
    method: 'GET',
    path: '/api/v1/users/me',
    tags: ['users'],
    summary: 'My profile',
    description: "The caller's own account: public fields plus email, phone and whether they are verified.",
  },
});

/**
 * Served by auth; called by clients. Changes name, nickname, email, phone or avatar. A new email
 * must be verified again (a link is sent); a new phone needs a verification of purpose `signup`
 * for it; a new avatar is a completed `avatar` upload of the caller (`null` removes the avatar).
 * Publishes `auth.user.updated`.
 */
export const updateProfile = defineRequest({
  subject: 'auth.profile.update',
  access: 'user',
  request: z
    .strictObject({
      name: PersonName.nullable().optional(),
      nickname: Nickname.optional(),
      email: Email.optional(),
      phoneVerificationId: Id.nullable().optional(),
      /** A completed `avatar` upload of the caller (`POST /api/v1/auth/uploads`), or `null` for none. */
      avatarUploadId: Id.nullable().optional(),
    })
    .refine((p) => Object.keys(p).length > 0, 'change at least one field'),
  reply: Profile,
  errors: [
    'email_taken',
    'phone_taken',
    'nickname_taken',
    'verification_invalid',
    'email_domain_not_allowed',
    'upload_not_found',
    'unprocessable',
  ],
  http: {
    method: 'PATCH',
    path: '/api/v1/users/me',
    tags: ['users'],
    summary: 'Change my profile',
    description:
      'Changes name, nickname, email, phone or avatar. A new email takes effect once its owner opens the link sent to it; a new phone needs a `signup` verification of it (`null` removes the phone); a new avatar is a completed `avatar` upload (`null` removes it).',
    example: { name: 'Ada King', nickname: 'countess' },
  },
});

/**
 * Served by auth; called by clients. Soft-deletes the account (its email, phone and nickname become
 * free), signs out every session and publishes `auth.user.deleted`. Requires the password.
 */
export const deleteProfile = defineRequest({
  subject: 'auth.profile.delete',
  access: 'user',
  request: z.strictObject({ password: z.string().min(1).max(256) }),
  reply: z.object({ deleted: z.literal(true) }),
  errors: ['wrong_password', 'account_locked'],
  http: {
    method: 'DELETE',
    path: '/api/v1/users/me',
    tags: ['users'],
    summary: 'Delete my account',
    description:
      'Deletes the account (its email, phone and nickname become free), signs out every session and tells the other services to drop its data. Requires the password, sent in the query string.',
    example: { password: 'correct horse battery' },
  },
});
