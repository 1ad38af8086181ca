import { chatCleanup } from '@seed/contracts';
import type { ServiceHost } from '@seed/runtime';
import type { Uploads } from '@seed/runtime/uploads';
import type { RoomsService } from '../rooms/index.ts';

/** Binds `chat.cleanup.run` (the worker's periodic cleanup): open rooms long closed, uploads never completed. */
export function serveCleanupHandlers(
  host: ServiceHost,
  parts: { rooms: Pick<RoomsService, 'removeClosedOpenRooms'>; uploads: Pick<Uploads, 'removeStale'> },
  opts: { closedRoomRetentionMs: number; staleUploadAgeMs: number },
): void {
  host.serve(chatCleanup, async () => ({
    purged: {
      openRooms: await parts.rooms.removeClosedOpenRooms(opts.closedRoomRetentionMs),
      uploads: await parts.uploads.removeStale(opts.staleUploadAgeMs),
    },
  }));
}
