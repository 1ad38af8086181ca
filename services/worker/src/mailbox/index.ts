export { type MailboxConfig, withDevMailbox } from './dev-mailbox.ts';
export { serveMailboxHandlers } from './mailbox.handlers.ts';
export { createMailboxService, type MailboxService } from './mailbox.service.ts';
