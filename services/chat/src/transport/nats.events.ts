import { userDeleted } from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
import type { ChatServices } from './nats.handlers.ts';

/** Events chat acts on, each taken by one replica (queue `chat`). Returns the subscriptions to drain. */
export function subscribeChatEvents(nc: NatsConnection, s: ChatServices, logger: Logger) {
  return [
    subscribeEvent(
      nc,
      userDeleted,
      async ({ userId }) => {
        await s.friends.forgetUser(userId);
        await s.rooms.forgetUser(userId);
      },
      { queue: 'chat', logger },
    ),
  ];
}
