import { friendshipChanged, messageCreated, messageDeleted, messageUpdated } from '@seed/contracts';
import type { DomainEvents } from '../../events/index.ts';
import type { RewindConnections } from './rewind-connections.ts';
import { chatFrame, chatIdOf, rewindFriend, rewindUser } from './rewind-frames.ts';

const friendFrameType = {
  requested: 'request',
  accepted: 'response',
  declined: 'remove',
  cancelled: 'remove',
  removed: 'delete',
} as const;

/**
 * REWIND's view of chat's events: a message as a `chat` frame to this replica's connections of the
 * room's members (a DM named by its XOR `chat_id`), a friendship change as a `mutual_users` frame to
 * the user it happened to.
 */
export function showChatOnRewind(deps: { events: DomainEvents; connections: RewindConnections }) {
  const { connections } = deps;
  const wanted = () => connections.size > 0;
  deps.events.on(messageCreated, {
    wanted,
    show({ message, recipients, roomKind }) {
      if (message.kind === 'system') return;
      connections.send(recipients, chatFrame('send', message, chatIdOf(message.roomId, { roomKind, recipients })));
    },
  });
  for (const event of [messageUpdated, messageDeleted])
    deps.events.on(event, {
      wanted,
      show: ({ message, recipients, roomKind }) =>
        connections.send(recipients, chatFrame('edit', message, chatIdOf(message.roomId, { roomKind, recipients }))),
    });
  deps.events.on(friendshipChanged, {
    wanted,
    show({ change, actor, target }) {
      // A new friend comes with the `chat_id` of their DM.
      const user = change === 'accepted' ? rewindFriend(target.id, actor) : rewindUser(actor);
      connections.send([target.id], { type: 'mutual_users', payload: { type: friendFrameType[change], user } });
    },
  });
}
