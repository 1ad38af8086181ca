import { listSessions, login, logout, refreshSession, revokeSession } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { SessionsService } from './sessions.service.ts';

/** Binds the login, refresh, logout and session contracts to the sessions service. */
export function serveSessionsHandlers(host: ServiceHost, sessions: SessionsService): void {
  host.serve(login, (input, ctx) => sessions.login(input, ctx));
  host.serve(refreshSession, ({ refreshToken }) => sessions.refresh(refreshToken));
  host.serve(logout, async ({ refreshToken }, ctx) => {
    await sessions.logout(ctx.caller, refreshToken);
    return { loggedOut: true } as const;
  });
  host.serve(listSessions, (_, ctx) => sessions.list(ctx.caller));
  host.serve(revokeSession, async ({ id }, ctx) => {
    await sessions.revokeOwn(ctx.caller, id);
    return { revoked: true } as const;
  });
}
