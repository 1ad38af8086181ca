import type { MessagesRepository } from './messages.repository.ts';

export { createMessagesEvents, type MessageChangeKind, type MessagesEvents } from './messages.events.ts';
export { serveMessagesHandlers } from './messages.handlers.ts';
export { createMessagesRepository, type MessagesRepository } from './messages.repository.ts';
export {
  createMessagesService,
  type MessageImages,
  type MessagesService,
  type NewMessageListener,
} from './messages.service.ts';
export { createSendLimiter, type SendLimiter } from './send-limits.repository.ts';

/** What other features may ask of messages: one message of a room. */
export type MessageLookup = Pick<MessagesRepository, 'byId'>;
