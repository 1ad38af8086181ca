import type { Profile, PublicUser } from '@seed/contracts';
import type { UserRow } from './users.repository.ts';

export const publicView = (u: UserRow): PublicUser => ({
  id: u.id,
  nickname: u.nickname,
  name: u.name,
  avatarUrl: u.avatarUrl,
});

export const profileView = (u: UserRow): Profile => ({
  ...publicView(u),
  email: u.email,
  phone: u.phone,
  emailVerified: u.emailVerifiedAt !== null,
  phoneVerified: u.phoneVerifiedAt !== null,
  createdAt: u.createdAt.toISOString(),
});

/** An account may sign in once its email or its phone is verified. */
export const isActive = (u: UserRow): boolean => u.emailVerifiedAt !== null || u.phoneVerifiedAt !== null;
