import { LEGACY_ROOMS_NAMESPACE } from '@seed/contracts';
import type { TokenVerifier } from '../../auth/index.ts';
import type { SocketModule } from '../../sockets/index.ts';
import { showMessagesOnLegacyRooms } from './rooms-events.ts';
import { legacyClock } from './rooms-format.ts';
import { legacyRoomsHandshake } from './rooms-handshake.ts';
import { type LegacyRoomsNamespace, serveLegacyRooms } from './rooms-namespace.ts';

export interface LegacyRoomsOptions {
  /** Time zone of the legacy `h:mm a` times. */
  timeZone?: string;
}

/** The legacy chat protocol on namespace `/rooms` (SPEC §4), backed by chat's open rooms. */
export function legacyRoomsSocketModule(opts: LegacyRoomsOptions & { verifier: TokenVerifier }): SocketModule {
  return {
    name: 'legacy-rooms',
    attach({ io, nc, logger, presence, events }) {
      const nsp = io.of(LEGACY_ROOMS_NAMESPACE) as unknown as LegacyRoomsNamespace;
      const clock = legacyClock(opts.timeZone ?? 'UTC');
      nsp.use(legacyRoomsHandshake({ verifier: opts.verifier, nc, logger }));
      function onDisconnect(this: { id: string }) {
        presence.disconnected(this.id);
      }
      nsp.on('connection', (socket) => {
        presence.connected(socket.id, socket.data.caller.userId);
        socket.on('disconnect', onDisconnect);
      });
      const rooms = serveLegacyRooms({ nsp, nc, logger, clock });
      showMessagesOnLegacyRooms({ nsp, events, clock });
      return {
        async close() {
          rooms.stop();
        },
      };
    },
  };
}
