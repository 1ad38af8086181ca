import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { emailTokens, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserChanges = Partial<
  Pick<
    UserRow,
    'email' | 'phone' | 'nickname' | 'name' | 'avatarUploadId' | 'emailVerifiedAt' | 'phoneVerifiedAt' | 'passwordHash'
  >
>;

const live = isNull(users.deletedAt);
const emailIs = (email: string) => sql`lower(${users.email}) = lower(${email})`;
const nicknameIs = (nickname: string) => sql`lower(${users.nickname}) = lower(${nickname})`;

export function createUsersRepository(db: Db) {
  const one = async (where: ReturnType<typeof and>) =>
    (await db.select().from(users).where(and(live, where)).limit(1))[0];
  return {
    byId: (id: string) => one(eq(users.id, id)),
    byEmail: (email: string) => one(emailIs(email)),
    byPhone: (phone: string) => one(eq(users.phone, phone)),
    byNickname: (nickname: string) => one(nicknameIs(nickname)),
    byIds: (ids: string[]) =>
      db
        .select()
        .from(users)
        .where(and(live, inArray(users.id, ids))),

    /** Which of the given values a live account already holds. */
    async taken(q: { email?: string; phone?: string; nickname?: string }) {
      const exists = async (where: ReturnType<typeof and>) =>
        (await db.select({ id: users.id }).from(users).where(and(live, where)).limit(1)).length > 0;
      return {
        email: q.email ? await exists(emailIs(q.email)) : undefined,
        phone: q.phone ? await exists(eq(users.phone, q.phone)) : undefined,
        nickname: q.nickname ? await exists(nicknameIs(q.nickname)) : undefined,
      };
    },

    /** Throws the unique violation (see `violatedConstraint`) when email, phone or nickname is taken. */
    async insert(user: NewUser): Promise<UserRow> {
      const [row] = await db.insert(users).values(user).returning();
      return row!;
    },

    async update(id: string, changes: UserChanges): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set({ ...changes, updatedAt: new Date() })
        .where(and(live, eq(users.id, id)))
        .returning();
      return row;
    },

    async softDelete(id: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ deletedAt: new Date(), updatedAt: new Date() })
        .where(and(live, eq(users.id, id)))
        .returning({ id: users.id });
      return rows.length > 0;
    },

    /** Accounts never verified whose every link has expired free their email and nickname. */
    async deleteUnverifiedBefore(before: Date): Promise<number> {
      const rows = await db
        .delete(users)
        .where(
          and(
            live,
            isNull(users.emailVerifiedAt),
            isNull(users.phoneVerifiedAt),
            lt(users.createdAt, before),
            sql`not exists (select 1 from ${emailTokens} where ${emailTokens.userId} = ${users.id} and ${emailTokens.expiresAt} > now())`,
          ),
        )
        .returning({ id: users.id });
      return rows.length;
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
