export { createEmailLinksService, type EmailLinksService, VERIFY_LINK_TTL_MS } from './email-links.service.ts';
export { createEmailTokensRepository } from './email-tokens.repository.ts';
export { createPhoneCodesService, type PhoneCodesService } from './phone-codes.service.ts';
export { createPhoneVerificationsRepository } from './phone-verifications.repository.ts';
export { serveVerificationHandlers } from './verification.handlers.ts';
