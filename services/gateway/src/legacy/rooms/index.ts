import type { TokenVerifier } from '../../auth/token-verifier.ts';
import type { SocketModule } from '../socket-module.ts';
import { SEED_ROOMS_NAMESPACE, seedClock } from './seed-rooms-format.ts';
import { seedRoomsHandshake } from './seed-rooms-handshake.ts';
import { type SeedRoomsNamespace, serveSeedRooms } from './seed-rooms-namespace.ts';
import { relayMessagesToSeedRooms } from './seed-rooms-relay.ts';

export interface SeedRoomsOptions {
  verifier: TokenVerifier;
  /** Time zone of the seed's `h:mm a` times. */
  timeZone?: string;
}

/** The seed 002 chat protocol on namespace `/rooms`, backed by chat's open rooms. */
export function seedRoomsSocketModule(opts: SeedRoomsOptions): SocketModule {
  return {
    name: 'seed-rooms',
    attach({ io, nc, logger, presence }) {
      const nsp = io.of(SEED_ROOMS_NAMESPACE) as unknown as SeedRoomsNamespace;
      const clock = seedClock(opts.timeZone ?? 'UTC');
      nsp.use(seedRoomsHandshake({ verifier: opts.verifier, nc, logger }));
      function onDisconnect(this: { id: string }) {
        presence.disconnected(this.id);
      }
      nsp.on('connection', (socket) => {
        presence.connected(socket.id, socket.data.caller.userId);
        socket.on('disconnect', onDisconnect);
      });
      const rooms = serveSeedRooms({ nsp, nc, logger, clock });
      const subscriptions = relayMessagesToSeedRooms({ nsp, nc, logger, clock });
      return {
        async close() {
          rooms.stop();
          await Promise.allSettled(subscriptions.map((s) => s.drain()));
        },
      };
    },
  };
}
