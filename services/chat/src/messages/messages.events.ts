import {
  type ChatUser,
  type Message,
  messageCreated,
  messageDeleted,
  messageUpdated,
  type RoomKind,
} from '@seed/contracts';
import { type NatsConnection, publishEvent } from '@seed/runtime';

export type MessageChangeKind = 'created' | 'updated' | 'deleted';

/** What became of messages, published as chat's domain events. */
export interface MessagesEvents {
  /**
   * What became of a message, with who was in the room: the gateway shows it to the room's sockets
   * (every kind of client), other services act on it.
   */
  messageChanged(
    kind: MessageChangeKind,
    message: Message,
    author: ChatUser | null,
    recipients: string[],
    roomKind: RoomKind,
  ): void;
}

const eventOf = { created: messageCreated, updated: messageUpdated, deleted: messageDeleted };

export function createMessagesEvents(nc: NatsConnection): MessagesEvents {
  return {
    messageChanged(kind, message, author, recipients, roomKind) {
      publishEvent(nc, eventOf[kind], { message, roomKind, author, recipients });
    },
  };
}
