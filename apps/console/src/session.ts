import { createClient, type SeedClient, type SeedSocket } from '@seed/client';
import type { Profile } from '@seed/contracts';

const SIGNED_IN = 'seed-console:signed-in';

/**
 * The console's one client and, once signed in, its socket. The access token stays in memory; the
 * refresh token is the gateway's HttpOnly cookie, so a reload signs in again with a refresh.
 */
export interface Session {
  client: SeedClient;
  me?: Profile;
  socket?: SeedSocket;
}

export const session: Session = { client: createClient({ baseUrl: location.origin }) };

export async function signedIn(me: Profile): Promise<void> {
  session.me = me;
  localStorage.setItem(SIGNED_IN, '1');
  session.socket?.close();
  session.socket = session.client.socket();
  await session.socket.connected();
}

/** Signs in again from the refresh cookie after a reload; false when there is no session to resume. */
export async function resume(): Promise<boolean> {
  if (!localStorage.getItem(SIGNED_IN)) return false;
  try {
    await session.client.refresh();
    await signedIn(await session.client.auth.profile.get());
    return true;
  } catch {
    localStorage.removeItem(SIGNED_IN);
    return false;
  }
}

export async function signOut(): Promise<void> {
  await session.client.auth.session.end({}).catch(() => {});
  session.socket?.close();
  delete session.socket;
  delete session.me;
  localStorage.removeItem(SIGNED_IN);
}

/** The socket of the signed-in session. */
export function socket(): SeedSocket {
  if (!session.socket) throw new Error('not signed in');
  return session.socket;
}
