import { type ChatUser, ExternalImageUrl, type Message, type RoomKind } from '@seed/contracts';
import { AppError, type Logger, snowflakeTime } from '@seed/runtime';
import { checkMember, openRoomState, type RoomAccess } from '../rooms/index.ts';
import { type UserDirectory, unknownUser } from '../users/index.ts';
import { type ImageUrlResolver, toMessage } from './message-model.ts';
import type { MessageChangeKind, MessagesEvents } from './messages.events.ts';
import type { MessageRow, MessagesRepository } from './messages.repository.ts';
import type { SendLimiter } from './send-limits.repository.ts';

/** Images of messages: an upload the author completed, and a URL to show it. */
export interface MessageImages {
  /** True when `uploadId` is a completed chat image upload of `userId`. */
  usable(uploadId: string, userId: string): Promise<boolean>;
  url: ImageUrlResolver;
}

/** Told about every new message after it is stored (pushes to members who are away). */
export interface NewMessageListener {
  messageCreated(message: Message, author: ChatUser, recipients: string[]): Promise<void>;
}

/** Blocks between two users, as friends keeps them. */
export interface MessageBlocks {
  hasBlocked(blockerId: string, blockedId: string): Promise<boolean>;
}

export interface MessagesDeps {
  repo: MessagesRepository;
  blocks: MessageBlocks;
  rooms: RoomAccess;
  users: UserDirectory;
  events: MessagesEvents;
  limiter: SendLimiter;
  images: MessageImages;
  listeners: NewMessageListener[];
  nextId: () => string;
  logger: Logger;
  now?: () => Date;
}

export type SendInput =
  | { roomId: string; clientMsgId: string; kind: 'text'; text: string }
  | {
      roomId: string;
      clientMsgId: string;
      kind: 'image';
      /** Exactly one of the two: a completed upload of the author, or an http(s) URL on the web. */
      imageUploadId?: string | undefined;
      imageUrl?: string | undefined;
      text?: string | undefined;
    };

/** Posting, editing, deleting and reading messages of rooms the caller belongs to. */
export function createMessagesService(deps: MessagesDeps) {
  const { repo, users, events } = deps;
  const now = deps.now ?? (() => new Date());
  const show = (row: MessageRow) => toMessage(row, deps.images.url);

  async function imageOf(input: Extract<SendInput, { kind: 'image' }>, userId: string) {
    if (input.imageUrl !== undefined) {
      if (input.imageUploadId !== undefined || !ExternalImageUrl.safeParse(input.imageUrl).success)
        throw new AppError('validation_failed', 'an image is one upload id or one absolute http(s) URL');
      return { imageUploadId: null, imageUrl: input.imageUrl };
    }
    if (input.imageUploadId === undefined || !(await deps.images.usable(input.imageUploadId, userId)))
      throw new AppError('upload_not_found', 'no completed image upload with that id');
    return { imageUploadId: input.imageUploadId, imageUrl: null };
  }

  async function ownMessage(userId: string, roomId: string, messageId: string) {
    const { room } = await deps.rooms.requireMember(roomId, userId);
    const row = await repo.byId(roomId, messageId);
    if (!row) throw new AppError('message_not_found', 'no such message');
    if (row.authorId !== userId) throw new AppError('not_message_author', 'only its author may change a message');
    return { row, roomKind: room.kind };
  }

  /** Nobody posts into a direct room across a block: the blocked user finds nobody there, the blocker must unblock. */
  async function checkNotBlocked(room: { kind: RoomKind; directKey: string | null }, userId: string) {
    if (room.kind !== 'direct' || !room.directKey) return;
    const peerId = room.directKey.split(':').find((id) => id !== userId) ?? userId;
    const [blockedPeer, blockedBy] = await Promise.all([
      deps.blocks.hasBlocked(userId, peerId),
      deps.blocks.hasBlocked(peerId, userId),
    ]);
    if (blockedPeer) throw new AppError('user_blocked', 'you blocked this user: unblock them to write');
    if (blockedBy) throw new AppError('user_not_found', 'no such user');
  }

  /** Who was in the room, and the author as others see them. */
  async function audienceOf(roomId: string, userId: string) {
    const [recipients, known] = await Promise.all([deps.rooms.memberIds(roomId), users.getMany([userId])]);
    return { author: known.get(userId) ?? unknownUser(userId), recipients };
  }

  /** Tells everyone what became of a message: their sockets (through the gateway) and other services. */
  async function announce(
    kind: MessageChangeKind,
    message: Message,
    userId: string,
    roomKind: RoomKind,
    audience = audienceOf(message.roomId, userId),
  ) {
    const { author, recipients } = await audience;
    events.messageChanged(kind, message, author, recipients, roomKind);
    return { author, recipients };
  }

  return {
    async list(userId: string, roomId: string, before: string | undefined, limit: number) {
      await deps.rooms.requireMember(roomId, userId);
      const rows = await repo.page(roomId, before, limit);
      const authorIds = rows.flatMap((r) => (r.authorId ? [r.authorId] : []));
      const [data, known] = await Promise.all([Promise.all(rows.map(show)), users.getMany(authorIds)]);
      return {
        data,
        nextCursor: rows.length === limit ? rows.at(-1)!.id : null,
        users: [...new Set(authorIds)].map((id) => known.get(id) ?? unknownUser(id)),
      };
    },

    async send(userId: string, input: SendInput): Promise<Message> {
      // Everything that does not depend on another answer is asked at once: the send path's
      // latency is its number of sequential round trips.
      const [context, overQuota] = await Promise.all([
        repo.sendContext(input.roomId, userId, input.clientMsgId),
        deps.limiter.takeSend(userId).then(
          () => undefined,
          (err: unknown) => err,
        ),
      ]);
      const { room } = checkMember(context?.room, context?.member);
      // A retry gets what was stored, even past the send limit.
      if (context?.retried) return show(context.retried);
      const state = openRoomState(room, now());
      if (state !== 'open')
        throw new AppError(state, state === 'room_expired' ? 'the room has closed' : 'the room has not opened yet');
      if (overQuota) throw overQuota;
      await checkNotBlocked(room, userId);
      const image = input.kind === 'image' ? await imageOf(input, userId) : { imageUploadId: null, imageUrl: null };
      if (room.ownerId !== userId) await deps.limiter.takeSlowMode(room.id, userId, room.slowModeSeconds);
      const id = deps.nextId();
      // Asked while the message is stored, so announcing it waits for nothing more.
      const audience = audienceOf(room.id, userId);
      audience.catch(() => {});
      const { message: row, created } = await repo.insert({
        id,
        // The id's own instant, so paging by time and by id agree.
        createdAt: snowflakeTime(id),
        roomId: input.roomId,
        authorId: userId,
        kind: input.kind,
        text: input.text ?? null,
        ...image,
        clientMsgId: input.clientMsgId,
      });
      const message = await show(row);
      if (!created) return message;
      const { author, recipients } = await announce('created', message, userId, room.kind, audience);
      for (const listener of deps.listeners)
        listener
          .messageCreated(message, author, recipients)
          .catch((err) => deps.logger.warn({ err, messageId: message.id }, 'new message listener failed'));
      return message;
    },

    async edit(userId: string, roomId: string, messageId: string, text: string): Promise<Message> {
      const { row, roomKind } = await ownMessage(userId, roomId, messageId);
      if (row.deletedAt) throw new AppError('message_not_found', 'the message was deleted');
      if (row.kind !== 'text' && row.kind !== 'image') throw new AppError('not_message_author', 'system messages stay');
      if (row.text === text) return show(row);
      const updated = await repo.setText(messageId, text, now());
      if (!updated) throw new AppError('message_not_found', 'the message was deleted');
      const message = await show(updated);
      await announce('updated', message, userId, roomKind);
      return message;
    },

    async delete(userId: string, roomId: string, messageId: string): Promise<Message> {
      const { row, roomKind } = await ownMessage(userId, roomId, messageId);
      if (row.deletedAt) return show(row);
      const message = await show((await repo.markDeleted(messageId, now()))!);
      await announce('deleted', message, userId, roomKind);
      return message;
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
