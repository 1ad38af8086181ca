import { z } from 'zod';
import { Id, Timestamp } from '../ids.ts';

/** An email address, compared case-insensitively by auth. */
export const Email = z.email('must be an email address').max(254);
/** A phone number in E.164 form (`+821012345678`). */
export const Phone = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 phone number such as +821012345678');
/** A unique handle, 2–32 letters, digits, `_`, `.` or `-`; compared case-insensitively. */
export const Nickname = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'may hold letters, digits, _ . and - only');
export const PersonName = z.string().trim().min(1).max(100);
/** A password being set: the length bounds here, the rest of the policy in auth. */
export const NewPassword = z.string().min(10, 'must be at least 10 characters').max(256);
/** A password being checked: any length the policy ever allowed. */
export const GivenPassword = z.string().min(1).max(256);
/** A 6-digit code sent by SMS. */
export const PhoneCode = z.string().regex(/^[0-9]{6}$/, 'must be 6 digits');
/** An opaque token (refresh, email link, reset). */
export const OpaqueToken = z.string().min(16).max(200);

/** What anyone signed in may see of a user. */
export const PublicUser = z.object({
  id: Id,
  nickname: z.string(),
  name: z.string().nullable(),
  /** A short-lived signed URL to read the avatar (minutes: fetch it, do not keep it); null without one. */
  avatarUrl: z.string().nullable(),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** What the owner sees of their own account. */
export const Profile = PublicUser.extend({
  email: z.string(),
  phone: z.string().nullable(),
  emailVerified: z.boolean(),
  phoneVerified: z.boolean(),
  createdAt: Timestamp,
});
export type Profile = z.infer<typeof Profile>;

/**
 * A signed-in session's tokens. `refreshToken` reaches apps in the body; for browsers the gateway
 * moves it into an HttpOnly cookie.
 */
export const SessionTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  user: Profile,
});
export type SessionTokens = z.infer<typeof SessionTokens>;

/** A reply that only says the request was taken (the same whether or not an account matched). */
export const Accepted = z.object({ accepted: z.literal(true) });
