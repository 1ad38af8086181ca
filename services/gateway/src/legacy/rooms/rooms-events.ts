import { messageCreated, messageDeleted, messageUpdated } from '@seed/contracts';
import { type Logger, type NatsConnection, subscribeEvent } from '@seed/runtime';
import { type SeedClock, seedRoom, toSeedMessage } from './seed-rooms-format.ts';
import type { SeedRoomsNamespace } from './seed-rooms-namespace.ts';

/**
 * Every replica hears every new message (no queue group) and shows it to its own `/rooms` sockets
 * in that room, so each socket gets it once whichever replica it sits on.
 */
export function relayMessagesToSeedRooms(deps: {
  nsp: SeedRoomsNamespace;
  nc: NatsConnection;
  logger: Logger;
  clock: SeedClock;
}): ReturnType<typeof subscribeEvent>[] {
  const { nsp, clock } = deps;
  // A replica with no `/rooms` socket has no one to show messages to: it skips decoding them.
  const opts = { logger: deps.logger, wanted: () => nsp.sockets.size > 0 };
  const created = subscribeEvent(
    deps.nc,
    messageCreated,
    ({ message, author }) => {
      // Most rooms have no seed client on this replica: skip formatting for nobody.
      if (!nsp.adapter.rooms.has(seedRoom(message.roomId))) return;
      const seed = toSeedMessage(message, author ?? undefined, clock);
      if (seed) nsp.local.to(seedRoom(message.roomId)).emit('message', seed);
    },
    opts,
  );
  // The seed has no edits or deletions; clients that know `messageId` can follow them.
  const changed = [messageUpdated, messageDeleted].map((contract) =>
    subscribeEvent(
      deps.nc,
      contract,
      ({ message }) => {
        nsp.local.to(seedRoom(message.roomId)).emit('messageChanged', {
          messageId: message.id,
          text: message.text,
          deleted: message.deletedAt !== null,
        });
      },
      opts,
    ),
  );
  return [created, ...changed];
}
