import { z } from 'zod';
import { defineEvent } from '../define.ts';
import { Id } from '../ids.ts';
import { PublicUser } from './schemas.ts';

/** Published by auth (through its outbox) when an account is created. */
export const userCreated = defineEvent({ subject: 'auth.user.created', payload: z.object({ user: PublicUser }) });

/** Published by auth (through its outbox) when a user's public view changes. */
export const userUpdated = defineEvent({ subject: 'auth.user.updated', payload: z.object({ user: PublicUser }) });

/** Published by auth (through its outbox) when an account is deleted; other services drop its data. */
export const userDeleted = defineEvent({ subject: 'auth.user.deleted', payload: z.object({ userId: Id }) });

/**
 * Published by auth (through its outbox) when a session ends early (logout, revoke, refresh reuse,
 * password reset, account deletion); the gateway may disconnect that session's sockets.
 */
export const sessionRevoked = defineEvent({
  subject: 'auth.session.revoked',
  payload: z.object({
    userId: Id,
    sessionId: Id,
    reason: z.enum(['logout', 'revoked', 'refresh_reused', 'password_changed', 'account_deleted']),
  }),
});
