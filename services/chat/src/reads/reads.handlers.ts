import { getChatSettings, listReadReceipts, markRead, sendTyping, updateChatSettings } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { ReadsService } from './reads.service.ts';

/** Binds the read pointer, receipts, typing and settings contracts to the reads service. */
export function serveReadsHandlers(host: ServiceHost, reads: ReadsService): void {
  host.serve(markRead, ({ roomId, messageId }, { caller }) => reads.markRead(caller.userId, roomId, messageId));
  host.serve(listReadReceipts, ({ roomId }, { caller }) => reads.receipts(caller.userId, roomId));
  host.serve(sendTyping, ({ roomId }, { caller }) => reads.typing(caller.userId, roomId));
  host.serve(getChatSettings, (_, { caller }) => reads.settings(caller.userId));
  host.serve(updateChatSettings, (input, { caller }) => reads.updateSettings(caller.userId, input));
}
