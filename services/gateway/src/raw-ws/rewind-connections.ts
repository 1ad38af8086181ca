import type { PresenceRecorder } from '../sockets/presence-tracker.ts';
import type { Frame } from './rewind-frames.ts';

export interface RewindPeer {
  /** Unique on this replica while the connection lives. */
  id: string;
  send(frame: Frame): void;
}

/** The signed-in REWIND connections on this replica, by user; each counts as its user online. */
export function createRewindConnections(presence?: PresenceRecorder) {
  const byUser = new Map<string, Set<RewindPeer>>();
  return {
    add(userId: string, peer: RewindPeer) {
      const set = byUser.get(userId) ?? new Set<RewindPeer>();
      set.add(peer);
      byUser.set(userId, set);
      presence?.connected(peer.id, userId);
    },
    remove(userId: string, peer: RewindPeer) {
      const set = byUser.get(userId);
      if (!set?.delete(peer)) return;
      if (set.size === 0) byUser.delete(userId);
      presence?.disconnected(peer.id);
    },
    /** Sends `frame` to every connection of `userIds` on this replica. */
    send(userIds: Iterable<string>, frame: Frame) {
      for (const id of userIds) for (const peer of byUser.get(id) ?? []) peer.send(frame);
    },
    get size() {
      return byUser.size;
    },
  };
}

export type RewindConnections = ReturnType<typeof createRewindConnections>;
