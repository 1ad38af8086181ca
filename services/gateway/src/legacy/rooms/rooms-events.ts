import {
  chatSocketRoom,
  legacyRoomsMessage,
  legacyRoomsMessageChanged,
  messageCreated,
  messageDeleted,
  messageUpdated,
} from '@seed/contracts';
import type { DomainEvents } from '../../events/index.ts';
import { type LegacyClock, toLegacyMessage } from './rooms-format.ts';
import type { LegacyRoomsNamespace } from './rooms-namespace.ts';

/**
 * The legacy `/rooms` view of chat's message events: a new message as `message` to this replica's
 * sockets in its room, an edit or deletion (which the original protocol lacks) as `messageChanged`
 * for clients that know `messageId`.
 */
export function showMessagesOnLegacyRooms(deps: {
  nsp: LegacyRoomsNamespace;
  events: DomainEvents;
  clock: LegacyClock;
}) {
  const { nsp, clock } = deps;
  const wanted = () => nsp.sockets.size > 0;
  /** This replica's sockets in the message's room, if any. */
  const roomOf = (roomId: string) => {
    const room = chatSocketRoom(roomId);
    return nsp.adapter.rooms.has(room) ? nsp.local.to(room) : undefined;
  };
  deps.events.on(messageCreated, {
    wanted,
    show({ message, author }) {
      const legacy = toLegacyMessage(message, author ?? undefined, clock);
      if (legacy) roomOf(message.roomId)?.emit(legacyRoomsMessage.event, legacy);
    },
  });
  for (const event of [messageUpdated, messageDeleted])
    deps.events.on(event, {
      wanted,
      show({ message }) {
        roomOf(message.roomId)?.emit(legacyRoomsMessageChanged.event, {
          messageId: message.id,
          text: message.text,
          deleted: message.deletedAt !== null,
        });
      },
    });
}
