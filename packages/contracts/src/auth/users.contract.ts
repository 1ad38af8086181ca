import { z } from 'zod';
import { defineRequest } from '../define.ts';
import { Id } from '../ids.ts';
import { Nickname, PublicUser } from './schemas.ts';

/** Served by auth; called by clients. A user's public view; a deleted or unknown user is `not_found`. */
export const getPublicUser = defineRequest({
  subject: 'auth.user.lookup',
  access: 'user',
  request: z.strictObject({ id: Id }),
  reply: PublicUser,
  errors: ['not_found'],
  http: {
    method: 'GET',
    path: '/api/v1/users/:id',
    tags: ['users'],
    summary: 'A user',
    description: 'The public view of a user: id, nickname, name and avatar. A deleted or unknown user is `not_found`.',
    example: { id: '7269113839640576001' },
  },
});

/** Served by auth; called by clients looking for a friend. Exact nickname match, case-insensitive. */
export const searchUsers = defineRequest({
  subject: 'auth.user.search',
  access: 'user',
  request: z.strictObject({ nickname: Nickname }),
  reply: z.array(PublicUser),
  http: {
    method: 'GET',
    path: '/api/v1/users',
    tags: ['users'],
    summary: 'Find users by nickname',
    description: 'Users whose nickname is exactly this one, compared case-insensitively: how friends find each other.',
    example: { nickname: 'grace' },
  },
});

/**
 * Served by auth; called by other services. Public views of up to 500 users; unknown and deleted
 * ids are left out. Read-only.
 */
export const getUsers = defineRequest({
  subject: 'auth.user.get',
  access: 'internal',
  request: z.strictObject({ ids: z.array(Id).min(1).max(500) }),
  reply: z.object({ users: z.array(PublicUser) }),
  timeoutMs: 3_000,
});

/** Served by auth; called by other services (friend requests by nickname). Read-only. */
export const findUser = defineRequest({
  subject: 'auth.user.find',
  access: 'internal',
  request: z.strictObject({ nickname: Nickname }),
  reply: z.object({ user: PublicUser.nullable() }),
  timeoutMs: 3_000,
});
