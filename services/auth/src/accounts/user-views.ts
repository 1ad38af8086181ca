import type { Profile, PublicUser } from '@seed/contracts';
import type { UserRow } from './users.repository.ts';

/** Read URLs of avatar uploads, by upload id (those that cannot be shown are left out). */
export type AvatarUrls = (uploadIds: readonly (string | null)[]) => Promise<Map<string, string>>;

const publicOf = (u: UserRow, avatars: Map<string, string>): PublicUser => ({
  id: u.id,
  nickname: u.nickname,
  name: u.name,
  avatarUrl: (u.avatarUploadId && avatars.get(u.avatarUploadId)) || null,
});

/** What clients see of accounts; each avatar becomes a short-lived read URL. */
export function createUserViews(avatarUrls: AvatarUrls) {
  const urlsOf = (rows: readonly UserRow[]) => avatarUrls(rows.map((u) => u.avatarUploadId));
  return {
    async publicMany(rows: readonly UserRow[]): Promise<PublicUser[]> {
      const avatars = await urlsOf(rows);
      return rows.map((u) => publicOf(u, avatars));
    },
    async publicOne(u: UserRow): Promise<PublicUser> {
      return publicOf(u, await urlsOf([u]));
    },
    async profile(u: UserRow): Promise<Profile> {
      return {
        ...publicOf(u, await urlsOf([u])),
        email: u.email,
        phone: u.phone,
        emailVerified: u.emailVerifiedAt !== null,
        phoneVerified: u.phoneVerifiedAt !== null,
        createdAt: u.createdAt.toISOString(),
      };
    },
  };
}
export type UserViews = ReturnType<typeof createUserViews>;

/** An account may sign in once its email or its phone is verified. */
export const isActive = (u: UserRow): boolean => u.emailVerifiedAt !== null || u.phoneVerifiedAt !== null;
