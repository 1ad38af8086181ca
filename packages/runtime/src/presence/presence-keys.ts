/**
 * Where the gateway records connected sockets: one sorted set per user, a member per socket
 * (`<replicaId>:<socketId>`) scored by the epoch millisecond at which it lapses unless its replica
 * refreshes it. A replica that dies stops refreshing, so its sockets lapse on their own.
 */
export const presenceKey = (userId: string): string => `gateway:presence:${userId}`;

export const presenceMember = (replicaId: string, socketId: string): string => `${replicaId}:${socketId}`;
