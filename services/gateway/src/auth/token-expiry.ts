import { decodeJwt } from 'jose';

/**
 * When an already verified access token expires (epoch ms), for long-lived connections that
 * must stop acting on it afterwards.
 */
export function tokenExpiresAt(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
