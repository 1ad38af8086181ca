import type { PresenceRecorder } from '../../sockets/index.ts';
import type { Frame } from './rewind-frames.ts';

export interface RewindPeer {
  /** Unique on this replica while the connection lives. */
  id: string;
  send(frame: Frame): void;
  /** Closes the connection with a WebSocket close code. */
  end(code: number, reason: string): void;
}

/** The signed-in REWIND connections on this replica, by user; each counts as its user online. */
export function createRewindConnections(presence?: PresenceRecorder) {
  const byUser = new Map<string, Set<RewindPeer>>();
  const sessionOf = new Map<RewindPeer, string>();
  return {
    /** Records `peer` as signed in with a session of `userId` (again after a re-auth). */
    add(userId: string, sessionId: string, peer: RewindPeer) {
      sessionOf.set(peer, sessionId);
      const set = byUser.get(userId) ?? new Set<RewindPeer>();
      if (set.has(peer)) return;
      set.add(peer);
      byUser.set(userId, set);
      presence?.connected(peer.id, userId);
    },
    remove(userId: string, peer: RewindPeer) {
      sessionOf.delete(peer);
      const set = byUser.get(userId);
      if (!set?.delete(peer)) return;
      if (set.size === 0) byUser.delete(userId);
      presence?.disconnected(peer.id);
    },
    /** Ends this replica's connections signed in with `sessionId`. */
    endSession(sessionId: string, code: number, reason: string) {
      for (const [peer, sid] of sessionOf) if (sid === sessionId) peer.end(code, reason);
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
