import { AppError, createLogger } from '@seed/runtime';
import { describe, expect, it } from 'vitest';
import { fakeUserDirectory, recordingEvents, sequentialIds, testUser } from '../../test/support/fakes.ts';
import { type MemberRow, type RoomRow, type RoomsRepository, roomAccess } from '../rooms/index.ts';
import type { MessageRow, MessagesRepository, NewMessage } from './messages.repository.ts';
import { createMessagesService } from './messages.service.ts';
import type { SendLimiter } from './send-limits.repository.ts';

const T0 = new Date('2026-11-25T12:00:00Z');

function fakeRooms(room: Partial<RoomRow>, memberIds: string[]) {
  const row: RoomRow = {
    id: '500',
    kind: 'group',
    name: 'g',
    ownerId: memberIds[0] ?? null,
    directKey: null,
    opensAt: null,
    closesAt: null,
    slowModeSeconds: 0,
    lastMessageId: null,
    createdAt: T0,
    memberCount: memberIds.length,
    ...room,
  };
  const member = (userId: string): MemberRow => ({
    roomId: row.id,
    userId,
    role: userId === row.ownerId ? 'owner' : 'member',
    lastReadMessageId: null,
    readAt: null,
    joinedAt: T0,
  });
  return {
    roomById: async (id: string) => (id === row.id ? row : undefined),
    member: async (roomId: string, userId: string) =>
      roomId === row.id && memberIds.includes(userId) ? member(userId) : undefined,
    memberIds: async () => [...memberIds],
  } satisfies Pick<RoomsRepository, 'roomById' | 'member' | 'memberIds'>;
}

function fakeMessages(rooms: ReturnType<typeof fakeRooms>) {
  const rows: MessageRow[] = [];
  const find = (roomId: string, authorId: string, clientMsgId: string) =>
    rows.find((r) => r.roomId === roomId && r.authorId === authorId && r.clientMsgId === clientMsgId);
  return {
    rows,
    async sendContext(roomId: string, authorId: string, clientMsgId: string) {
      const room = await rooms.roomById(roomId);
      if (!room) return undefined;
      const member = (await rooms.member(roomId, authorId)) ?? null;
      return { room, member, retried: find(roomId, authorId, clientMsgId) ?? null };
    },
    byId: async (roomId: string, id: string) => rows.find((r) => r.id === id && r.roomId === roomId),
    async insert(row: NewMessage & { authorId: string }) {
      const existing = find(row.roomId, row.authorId, row.clientMsgId!);
      if (existing) return { message: existing, created: false };
      const message: MessageRow = {
        text: null,
        imageUploadId: null,
        clientMsgId: null,
        editedAt: null,
        deletedAt: null,
        createdAt: T0,
        ...row,
        kind: row.kind,
      } as MessageRow;
      rows.push(message);
      return { message, created: true };
    },
    page: async (_roomId: string, before: string | undefined, limit: number) =>
      rows
        .filter((r) => !before || BigInt(r.id) < BigInt(before))
        .sort((a, b) => Number(BigInt(b.id) - BigInt(a.id)))
        .slice(0, limit),
    async setText(id: string, text: string, editedAt: Date) {
      const r = rows.find((m) => m.id === id && !m.deletedAt);
      if (r) Object.assign(r, { text, editedAt });
      return r;
    },
    async markDeleted(id: string, deletedAt: Date) {
      const r = rows.find((m) => m.id === id);
      if (r) Object.assign(r, { text: null, imageUploadId: null, deletedAt });
      return r;
    },
  } satisfies MessagesRepository & { rows: MessageRow[] };
}

function setup(room: Partial<RoomRow> = {}, limiter?: Partial<SendLimiter>) {
  const rooms = fakeRooms(room, ['1', '2']);
  const messages = fakeMessages(rooms);
  const recorder = recordingEvents();
  const slowModeCalls: string[] = [];
  const service = createMessagesService({
    repo: messages,
    blocks: { hasBlocked: async () => false },
    rooms: roomAccess(rooms),
    users: fakeUserDirectory([testUser('1', 'ada'), testUser('2', 'bob')]),
    events: recorder.events,
    limiter: {
      takeSend: async () => {},
      takeSlowMode: async (_room, userId) => void slowModeCalls.push(userId),
      ...limiter,
    },
    images: { usable: async (id) => id === '900', url: async (id) => `https://files.test/${id}` },
    listeners: [],
    nextId: sequentialIds(),
    logger: createLogger({ service: 'test', level: 'silent' }),
    now: () => T0,
  });
  return { service, messages, recorder, slowModeCalls };
}

const text = (clientMsgId: string, t = 'hi') => ({ roomId: '500', clientMsgId, kind: 'text' as const, text: t });

describe('messages', () => {
  it('returns the same message for a retried send and announces it once', async () => {
    const { service, recorder } = setup();
    const first = await service.send('1', text('c1'));
    const retry = await service.send('1', text('c1'));
    expect(retry.id).toBe(first.id);
    expect(recorder.of('messageChanged')).toHaveLength(1);
    // Sockets (through the gateway) and other services learn who was in the room.
    expect(recorder.of('messageChanged')[0]?.args[3]).toEqual(['1', '2']);
  });

  it('refuses non-members and unknown rooms', async () => {
    const { service } = setup();
    await expect(service.send('3', text('c1'))).rejects.toMatchObject({ code: 'not_a_member' });
    await expect(service.send('1', { ...text('c1'), roomId: '501' })).rejects.toMatchObject({ code: 'room_not_found' });
    await expect(service.list('3', '500', undefined, 10)).rejects.toMatchObject({ code: 'not_a_member' });
  });

  it('refuses sends to an open room after it closed or before it opened', async () => {
    const closed = setup({ kind: 'open', closesAt: new Date(T0.getTime() - 1) });
    await expect(closed.service.send('1', text('c1'))).rejects.toMatchObject({ code: 'room_expired' });
    const early = setup({ kind: 'open', opensAt: new Date(T0.getTime() + 60_000) });
    await expect(early.service.send('1', text('c1'))).rejects.toMatchObject({ code: 'room_not_open' });
  });

  it('applies slow mode to members but not to the owner', async () => {
    const { service, slowModeCalls } = setup({ slowModeSeconds: 10 });
    await service.send('1', text('a'));
    await service.send('2', text('b'));
    expect(slowModeCalls).toEqual(['2']);
  });

  it('passes the rate limit refusal on, and a retry of a stored message is never limited', async () => {
    let limited = false;
    const { service } = setup(
      {},
      {
        takeSend: async () => {
          if (limited) throw new AppError('rate_limited', 'slow down', { retryAfterMs: 1000 });
        },
      },
    );
    await service.send('1', text('a'));
    limited = true;
    await expect(service.send('1', text('b'))).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(service.send('1', text('a'))).resolves.toMatchObject({ text: 'hi' });
  });

  it('lets only the author edit or delete, and a deleted message keeps its id without content', async () => {
    const { service, recorder } = setup();
    const m = await service.send('1', text('a', 'first'));
    await expect(service.edit('2', '500', m.id, 'x')).rejects.toMatchObject({ code: 'not_message_author' });
    expect((await service.edit('1', '500', m.id, 'second')).text).toBe('second');
    const deleted = await service.delete('1', '500', m.id);
    expect(deleted).toMatchObject({ id: m.id, text: null, deletedAt: T0.toISOString() });
    await expect(service.edit('1', '500', m.id, 'again')).rejects.toMatchObject({ code: 'message_not_found' });
    expect(recorder.of('messageChanged').map((c) => c.args[0])).toEqual(['created', 'updated', 'deleted']);
  });

  it('takes only a completed image upload and shows it by URL', async () => {
    const { service } = setup();
    await expect(
      service.send('1', { roomId: '500', clientMsgId: 'i', kind: 'image', imageUploadId: '901' }),
    ).rejects.toMatchObject({ code: 'upload_not_found' });
    const m = await service.send('1', { roomId: '500', clientMsgId: 'i', kind: 'image', imageUploadId: '900' });
    expect(m.imageUrl).toBe('https://files.test/900');
  });

  it('pages history newest first with a cursor to the next page', async () => {
    const { service } = setup();
    for (let i = 0; i < 5; i++) await service.send('1', text(`c${i}`, `m${i}`));
    const first = await service.list('2', '500', undefined, 3);
    expect(first.data.map((m) => m.text)).toEqual(['m4', 'm3', 'm2']);
    const second = await service.list('2', '500', first.nextCursor!, 3);
    expect(second.data.map((m) => m.text)).toEqual(['m1', 'm0']);
    expect(second.nextCursor).toBeNull();
    expect(first.users.map((u) => u.nickname)).toEqual(['ada']);
  });
});
