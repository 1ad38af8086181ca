import type { ChatSettings, ReadReceipt } from '@seed/contracts';
import { AppError } from '@seed/runtime';
import type { MessageLookup } from '../messages/index.ts';
import type { RoomAccess } from '../rooms/index.ts';
import type { ReadsEvents } from './reads.events.ts';
import type { ReadsRepository } from './reads.repository.ts';

export interface ReadsDeps {
  repo: ReadsRepository;
  rooms: Pick<RoomAccess, 'requireMember'>;
  messages: MessageLookup;
  events: ReadsEvents;
  now?: () => Date;
}

/** Read pointers, unread counts, read receipts, typing and the settings that govern them. */
export function createReadsService(deps: ReadsDeps) {
  const { repo, events } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async markRead(userId: string, roomId: string, messageId: string) {
      await deps.rooms.requireMember(roomId, userId);
      if (!(await deps.messages.byId(roomId, messageId))) throw new AppError('message_not_found', 'no such message');
      const pointer = await repo.advance(roomId, userId, messageId, now());
      const unreadCount = await repo.unreadCount(roomId, userId);
      const lastReadMessageId = pointer?.lastReadMessageId ?? null;
      if (lastReadMessageId) {
        const receipt: ReadReceipt = {
          roomId,
          userId,
          messageId: lastReadMessageId,
          readAt: (pointer?.readAt ?? now()).toISOString(),
        };
        const { readReceipts } = await repo.settings(userId);
        // The reader's own other devices always learn it, to clear their unread badges.
        events.read(receipt, readReceipts);
      }
      return { roomId, lastReadMessageId, unreadCount };
    },

    async receipts(userId: string, roomId: string): Promise<ReadReceipt[]> {
      await deps.rooms.requireMember(roomId, userId);
      const rows = await repo.receipts(roomId);
      return rows.map((r) => ({ roomId, userId: r.userId, messageId: r.messageId, readAt: r.readAt.toISOString() }));
    },

    async typing(userId: string, roomId: string) {
      await deps.rooms.requireMember(roomId, userId);
      events.typing(roomId, userId);
      return {};
    },

    settings: (userId: string): Promise<ChatSettings> => repo.settings(userId),

    async updateSettings(userId: string, settings: ChatSettings): Promise<ChatSettings> {
      await repo.saveSettings(userId, settings);
      return settings;
    },
  };
}

export type ReadsService = ReturnType<typeof createReadsService>;
