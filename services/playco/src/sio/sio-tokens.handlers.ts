import { issueSioToken, verifySioToken } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { SioTokens } from './sio-tokens.service.ts';

/** Binds the legacy protocol's Socket.IO token contracts to the tokens service. */
export function serveSioTokensHandlers(host: ServiceHost, sioTokens: SioTokens): void {
  host.serve(issueSioToken, async ({ sid, sio_csrf_token }, { caller }) => ({
    sio_token: await sioTokens.issue(caller.userId, sid, sio_csrf_token),
  }));
  host.serve(verifySioToken, ({ sio_token, sid, sio_csrf_token }) => sioTokens.verify(sio_token, sid, sio_csrf_token));
}
