import type { Frame } from './rewind-frames.ts';

export interface RewindPeer {
  send(frame: Frame): void;
}

/** The signed-in REWIND connections on this replica, by user. */
export function createRewindConnections() {
  const byUser = new Map<string, Set<RewindPeer>>();
  return {
    add(userId: string, peer: RewindPeer) {
      const set = byUser.get(userId) ?? new Set<RewindPeer>();
      set.add(peer);
      byUser.set(userId, set);
    },
    remove(userId: string, peer: RewindPeer) {
      const set = byUser.get(userId);
      set?.delete(peer);
      if (set?.size === 0) byUser.delete(userId);
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
