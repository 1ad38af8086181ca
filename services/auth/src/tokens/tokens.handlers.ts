import { getJwks } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { KeysService } from './keys.service.ts';

/** Binds the JWKS contract to the signing keys. */
export function serveTokensHandlers(host: ServiceHost, keys: KeysService): void {
  host.serve(getJwks, () => keys.jwks());
}
