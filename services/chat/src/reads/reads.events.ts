import { chatSocketRoom, type ReadReceipt, readSocket, typingSocket } from '@seed/contracts';
import { deliverToSockets, type NatsConnection } from '@seed/runtime';

/** Read receipts and typing, told to users' sockets on every gateway replica. */
export interface ReadsEvents {
  typing(roomId: string, userId: string): void;
  /** To the room, or only to the reader's own sockets when they do not share read receipts. */
  read(receipt: ReadReceipt, shared: boolean): void;
}

export function createReadsEvents(nc: NatsConnection): ReadsEvents {
  return {
    typing(roomId, userId) {
      deliverToSockets(
        nc,
        typingSocket,
        { rooms: [chatSocketRoom(roomId)], exceptUsers: [userId] },
        { roomId, userId },
      );
    },
    read(receipt, shared) {
      const target = shared ? { rooms: [chatSocketRoom(receipt.roomId)] } : { users: [receipt.userId] };
      deliverToSockets(nc, readSocket, target, receipt);
    },
  };
}
