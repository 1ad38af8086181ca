import {
  requestPasswordResetEmail,
  resendEmailVerification,
  sendPhoneCode,
  verifyEmail,
  verifyPhoneCode,
} from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { EmailLinksService } from './email-links.service.ts';
import type { PhoneCodesService } from './phone-codes.service.ts';

/** Binds the phone code and emailed link contracts to their services. */
export function serveVerificationHandlers(
  host: ServiceHost,
  s: { phoneCodes: PhoneCodesService; emailLinks: EmailLinksService },
): void {
  host.serve(sendPhoneCode, (input, ctx) => s.phoneCodes.send(input, ctx.clientIp));
  host.serve(verifyPhoneCode, (input) => s.phoneCodes.verify(input));
  host.serve(verifyEmail, ({ token }) => s.emailLinks.verify(token));
  host.serve(resendEmailVerification, ({ email }, ctx) => s.emailLinks.resend(email, ctx.clientIp));
  host.serve(requestPasswordResetEmail, ({ email }, ctx) => s.emailLinks.forgot(email, ctx.clientIp));
}
