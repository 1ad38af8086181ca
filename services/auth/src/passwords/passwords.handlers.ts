import { setPassword } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { PasswordsService } from './passwords.service.ts';

/** Binds the password change and reset contract to the passwords service. */
export function servePasswordsHandlers(host: ServiceHost, passwords: PasswordsService): void {
  host.serve(setPassword, (input, ctx) => passwords.set(input, ctx.caller));
}
