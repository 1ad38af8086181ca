import { deleteMessage, editMessage, listMessages, sendMessage } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { MessagesService } from './messages.service.ts';

/** Binds the messages contracts to the messages service. */
export function serveMessagesHandlers(host: ServiceHost, messages: MessagesService): void {
  host.serve(listMessages, ({ roomId, before, limit }, { caller }) =>
    messages.list(caller.userId, roomId, before, limit),
  );
  host.serve(sendMessage, (input, { caller }) => messages.send(caller.userId, input));
  host.serve(editMessage, ({ roomId, messageId, text }, { caller }) =>
    messages.edit(caller.userId, roomId, messageId, text),
  );
  host.serve(deleteMessage, ({ roomId, messageId }, { caller }) => messages.delete(caller.userId, roomId, messageId));
}
