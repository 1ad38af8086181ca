import { friendshipChanged, messageCreated, messageDeleted, messageUpdated } from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
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
 * Every replica hears chat's events (no queue group) and passes them to its own REWIND
 * connections, so each connection gets a change once whichever replica it sits on.
 */
export function relayChatToRewind(deps: { nc: NatsConnection; connections: RewindConnections; logger: Logger }) {
  const { connections } = deps;
  // A replica with no REWIND connection has no one to pass chat's events to: it skips decoding them.
  const opts = { logger: deps.logger, wanted: () => connections.size > 0 };
  return [
    subscribeEvent(
      deps.nc,
      messageCreated,
      ({ message, recipients }) => {
        if (message.kind !== 'system') connections.send(recipients, chatFrame('send', message));
      },
      opts,
    ),
    subscribeEvent(
      deps.nc,
      messageUpdated,
      ({ message, recipients }) => connections.send(recipients, chatFrame('edit', message)),
      opts,
    ),
    subscribeEvent(
      deps.nc,
      messageDeleted,
      ({ message, recipients }) => connections.send(recipients, chatFrame('edit', message)),
      opts,
    ),
    subscribeEvent(
      deps.nc,
      friendshipChanged,
      ({ change, actor, target }) => {
        connections.send([target.id], {
          type: 'mutual_users',
          payload: { type: friendFrameType[change], user: rewindUser(actor) },
        });
      },
      opts,
    ),
  ];
}
