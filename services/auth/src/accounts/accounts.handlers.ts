import {
  authCleanup,
  checkAvailability,
  completeAuthUpload,
  createAuthUpload,
  deleteProfile,
  findUser,
  getJwks,
  getProfile,
  getPublicUser,
  getUsers,
  invalidateDevices,
  listDevices,
  listSessions,
  login,
  logout,
  refreshSession,
  registerDevice,
  requestPasswordResetEmail,
  resendEmailVerification,
  revokeSession,
  searchUsers,
  sendPhoneCode,
  setPassword,
  signup,
  unregisterDevice,
  updateProfile,
  verifyEmail,
  verifyPhoneCode,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { Uploads } from '@seed/runtime/uploads';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CleanupService } from '../cleanup/cleanup.service.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { PasswordsService } from '../passwords/passwords.service.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { KeysService } from '../tokens/keys.service.ts';
import type { EmailLinksService } from '../verification/email-links.service.ts';
import type { PhoneCodesService } from '../verification/phone-codes.service.ts';

export interface AuthServices {
  accounts: AccountsService;
  sessions: SessionsService;
  passwords: PasswordsService;
  phoneCodes: PhoneCodesService;
  emailLinks: EmailLinksService;
  devices: DevicesService;
  keys: KeysService;
  cleanup: CleanupService;
  uploads: Uploads;
}

/** Binds every auth contract to its service call. */
export function serveAuth(host: ServiceHost, s: AuthServices): void {
  host.serve(getJwks, () => s.keys.jwks());

  host.serve(checkAvailability, (q, ctx) => s.accounts.availability(q, ctx.clientIp));
  host.serve(signup, (input, ctx) => s.accounts.signup(input, ctx));
  host.serve(getProfile, (_, ctx) => s.accounts.profile(ctx.caller));
  host.serve(updateProfile, (input, ctx) => s.accounts.updateProfile(ctx.caller, input));
  host.serve(deleteProfile, async ({ password }, ctx) => {
    await s.accounts.deleteAccount(ctx.caller, password);
    return { deleted: true } as const;
  });
  host.serve(createAuthUpload, async (input, { caller }) => {
    const { upload, target, expiresAt } = await s.uploads.create(caller.userId, input);
    return { upload, uploadUrl: target.url, method: target.method, headers: target.headers, expiresAt };
  });
  host.serve(completeAuthUpload, ({ uploadId }, { caller }) => s.uploads.complete(caller.userId, uploadId));
  host.serve(getPublicUser, ({ id }) => s.accounts.publicUser(id));
  host.serve(searchUsers, async ({ nickname }) => {
    const user = await s.accounts.byNickname(nickname);
    return user ? [user] : [];
  });
  host.serve(getUsers, async ({ ids }) => ({ users: await s.accounts.byIds(ids) }));
  host.serve(findUser, async ({ nickname }) => ({ user: await s.accounts.byNickname(nickname) }));

  host.serve(sendPhoneCode, (input, ctx) => s.phoneCodes.send(input, ctx.clientIp));
  host.serve(verifyPhoneCode, (input) => s.phoneCodes.verify(input));
  host.serve(verifyEmail, ({ token }) => s.emailLinks.verify(token));
  host.serve(resendEmailVerification, ({ email }, ctx) => s.emailLinks.resend(email, ctx.clientIp));
  host.serve(requestPasswordResetEmail, ({ email }, ctx) => s.emailLinks.forgot(email, ctx.clientIp));
  host.serve(setPassword, (input, ctx) => s.passwords.set(input, ctx.caller));

  host.serve(login, (input, ctx) => s.sessions.login(input, ctx));
  host.serve(refreshSession, ({ refreshToken }) => s.sessions.refresh(refreshToken));
  host.serve(logout, async ({ refreshToken }, ctx) => {
    await s.sessions.logout(ctx.caller, refreshToken);
    return { loggedOut: true } as const;
  });
  host.serve(listSessions, (_, ctx) => s.sessions.list(ctx.caller));
  host.serve(revokeSession, async ({ id }, ctx) => {
    await s.sessions.revokeOwn(ctx.caller, id);
    return { revoked: true } as const;
  });

  host.serve(registerDevice, (input, ctx) => s.devices.register(ctx.caller, input));
  host.serve(unregisterDevice, async ({ token }, ctx) => {
    await s.devices.unregister(ctx.caller, token);
    return { removed: true } as const;
  });
  host.serve(listDevices, async ({ userIds }) => ({ devices: await s.devices.list(userIds) }));
  host.serve(invalidateDevices, async ({ tokens }) => ({ removed: await s.devices.invalidate(tokens) }));

  host.serve(authCleanup, async () => ({ purged: await s.cleanup.purge() }));
}
