import { friendshipChanged, messageCreated, messageDeleted, messageUpdated } from '@seed/contracts';
import type { DomainEvents } from '../../events/index.ts';
import type { RewindConnections } from './rewind-connections.ts';
import { chatFrame, rewindUser } from './rewind-frames.ts';

const friendFrameType = {
  requested: 'request',
  accepted: 'response',
  declined: 'remove',
  cancelled: 'remove',
  removed: 'delete',
} as const;

/**
 * REWIND's view of chat's events: a message as a `chat` frame to this replica's connections of the
 * room's members, a friendship change as a `mutual_users` frame to the user it happened to.
 */
export function showChatOnRewind(deps: { events: DomainEvents; connections: RewindConnections }) {
  const { connections } = deps;
  const wanted = () => connections.size > 0;
  deps.events.on(messageCreated, {
    wanted,
    show({ message, recipients }) {
      if (message.kind !== 'system') connections.send(recipients, chatFrame('send', message));
    },
  });
  for (const event of [messageUpdated, messageDeleted])
    deps.events.on(event, {
      wanted,
      show: ({ message, recipients }) => connections.send(recipients, chatFrame('edit', message)),
    });
  deps.events.on(friendshipChanged, {
    wanted,
    show({ change, actor, target }) {
      connections.send([target.id], {
        type: 'mutual_users',
        payload: { type: friendFrameType[change], user: rewindUser(actor) },
      });
    },
  });
}
