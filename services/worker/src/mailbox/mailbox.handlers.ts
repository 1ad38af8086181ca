import { listMailbox } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { MailboxService } from './mailbox.service.ts';

/** Answers `worker.mailbox.list` from the mailbox. */
export function serveMailboxHandlers(host: ServiceHost, mailbox: Pick<MailboxService, 'list'>): void {
  host.serve(listMailbox, (query) => ({ messages: mailbox.list(query) }));
}
