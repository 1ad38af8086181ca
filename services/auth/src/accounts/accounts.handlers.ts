import {
  checkAvailability,
  deleteProfile,
  findUser,
  getProfile,
  getPublicUser,
  getUsers,
  searchUsers,
  signup,
  updateProfile,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { AccountsService } from './accounts.service.ts';

/** Binds the account contracts (signup, profile, public views, look-ups) to the accounts service. */
export function serveAccountsHandlers(host: ServiceHost, accounts: AccountsService): void {
  host.serve(checkAvailability, (q, ctx) => accounts.availability(q, ctx.clientIp));
  host.serve(signup, (input, ctx) => accounts.signup(input, ctx));
  host.serve(getProfile, (_, ctx) => accounts.profile(ctx.caller));
  host.serve(updateProfile, (input, ctx) => accounts.updateProfile(ctx.caller, input));
  host.serve(deleteProfile, async ({ password }, ctx) => {
    await accounts.deleteAccount(ctx.caller, password);
    return { deleted: true } as const;
  });
  host.serve(getPublicUser, ({ id }) => accounts.publicUser(id));
  host.serve(searchUsers, async ({ nickname }) => {
    const user = await accounts.byNickname(nickname);
    return user ? [user] : [];
  });
  host.serve(getUsers, async ({ ids }) => ({ users: await accounts.byIds(ids) }));
  host.serve(findUser, async ({ nickname }) => ({ user: await accounts.byNickname(nickname) }));
}
