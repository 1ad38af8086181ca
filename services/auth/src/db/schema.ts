import { outboxTable } from '@seed/runtime';
import { uploadsTable } from '@seed/runtime/uploads';
import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const authSchema = pgSchema('auth');

/** A snowflake id: `bigint` in the database, a decimal string in code (postgres.js reads int8 as text). */
const snowflake = customType<{ data: string; driverData: string }>({ dataType: () => 'bigint' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Avatars (the shared upload mechanism of @seed/runtime/uploads). */
export const uploads = uploadsTable(authSchema);

export const users = authSchema.table(
  'users',
  {
    id: snowflake('id').primaryKey(),
    email: text('email').notNull(),
    phone: text('phone'),
    nickname: text('nickname').notNull(),
    name: text('name'),
    /** A completed `avatar` upload; shown to clients as a short-lived read URL. */
    avatarUploadId: snowflake('avatar_upload_id').references(() => uploads.id, { onDelete: 'set null' }),
    passwordHash: text('password_hash').notNull(),
    emailVerifiedAt: at('email_verified_at'),
    phoneVerifiedAt: at('phone_verified_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    deletedAt: at('deleted_at'),
  },
  // A deleted account frees its email, phone and nickname.
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`).where(sql`${t.deletedAt} is null`),
    uniqueIndex('users_phone_key').on(t.phone).where(sql`${t.deletedAt} is null`),
    uniqueIndex('users_nickname_key').on(sql`lower(${t.nickname})`).where(sql`${t.deletedAt} is null`),
    index('users_avatar_upload_idx').on(t.avatarUploadId),
  ],
);

export const sessions = authSchema.table(
  'sessions',
  {
    id: snowflake('id').primaryKey(),
    userId: snowflake('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    revokeReason: text('revoke_reason'),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Refresh tokens by their SHA-256; a used one stays, so presenting it again is seen as reuse. */
export const refreshTokens = authSchema.table(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: snowflake('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    /** What replaced this token, sealed under it (see sessions/refresh-successors.ts); read only within the grace window. */
    successorSealed: text('successor_sealed'),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

export const phoneVerifications = authSchema.table(
  'phone_verifications',
  {
    id: snowflake('id').primaryKey(),
    phone: text('phone').notNull(),
    purpose: text('purpose', { enum: ['signup', 'reset', 'login'] }).notNull(),
    /** HMAC of the code under a server key: a database dump does not reveal live codes. */
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: at('expires_at').notNull(),
    verifiedAt: at('verified_at'),
    consumedAt: at('consumed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('phone_verifications_expires_idx').on(t.expiresAt)],
);

/** Emailed links (verify the address, reset the password) by the SHA-256 of their token. */
export const emailTokens = authSchema.table(
  'email_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: snowflake('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify', 'reset'] }).notNull(),
    email: text('email').notNull(),
    expiresAt: at('expires_at').notNull(),
    consumedAt: at('consumed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId), index('email_tokens_expires_idx').on(t.expiresAt)],
);

export const devices = authSchema.table(
  'devices',
  {
    token: text('token').primaryKey(),
    userId: snowflake('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: snowflake('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: ['android', 'ios', 'web'] }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('devices_user_idx').on(t.userId), index('devices_session_idx').on(t.sessionId)],
);

/**
 * Token signing keys. The newest key whose `activates_at` has passed signs; keys are published in
 * the JWKS from creation (before they sign) until the tokens of the key they replaced expired.
 */
export const signingKeys = authSchema.table('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  /** The private JWK, AES-256-GCM encrypted under AUTH_KEYS_SECRET. */
  privateKeyEnc: text('private_key_enc').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  activatesAt: at('activates_at').notNull(),
});

export const outbox = outboxTable(authSchema);
