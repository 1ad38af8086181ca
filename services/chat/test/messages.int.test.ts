import { jetstream } from '@nats-io/jetstream';
import {
  createRoom,
  deleteMessage,
  editMessage,
  joinRoom,
  listMessages,
  listReadReceipts,
  listRooms,
  markRead,
  openDirectRoom,
  PushJob,
  sendMessage,
  sendTyping,
  updateChatSettings,
  updateRoom,
} from '@seed/contracts';
import { contextHeaders, decodeJson, encodeJson } from '@seed/runtime';
import { eventually } from '@seed/runtime/testing';
import { describe, expect } from '@seed/testkit';
import { type ChatWorld, test } from './support/fixtures.ts';

const text = (roomId: string, clientMsgId: string, t = 'hello') => ({
  roomId,
  clientMsgId,
  kind: 'text' as const,
  text: t,
});

test.override(
  'serviceEnv',
  { scope: 'file' },
  { chat: { CLOSED_ROOM_RETENTION_MS: '1000', SEND_RATE_MAX: '40', SEND_RATE_WINDOW_MS: '60000' } },
);

describe('messages over NATS', () => {
  let world: ChatWorld;
  test.beforeAll(({ chatWorld }) => {
    world = chatWorld;
  });

  async function pair(tag: string) {
    const ada = world.user(`ada_${tag}`);
    const bob = world.user(`bob_${tag}`);
    const room = await ada.call(openDirectRoom, { userId: bob.id });
    return { ada, bob, room };
  }

  test('stores one message however often and however concurrently a send is retried', async () => {
    const { ada, room } = await pair('m1');
    const sends = await Promise.all(Array.from({ length: 6 }, () => ada.call(sendMessage, text(room.id, 'once'))));
    expect(new Set(sends.map((m) => m.id)).size).toBe(1);
    const page = await ada.call(listMessages, { roomId: room.id });
    expect(page.data).toHaveLength(1);
    expect(
      world.deliveries.filter(
        (d) => d.event === 'chat:message:created' && (d.data as { id: string }).id === sends[0]!.id,
      ),
    ).toHaveLength(1);
  });

  test('delivers a new message to every member and refuses non-members', async () => {
    const { ada, bob, room } = await pair('m2');
    const eve = world.user('eve_m2');
    const m = await ada.call(sendMessage, text(room.id, 'c1', '  hi bob  '));
    expect(m).toMatchObject({ text: 'hi bob', authorId: ada.id, kind: 'text', roomId: room.id });
    expect(world.deliveredTo(bob.id, 'chat:message:created').map((d) => (d.data as { id: string }).id)).toContain(m.id);
    await expect(eve.call(sendMessage, text(room.id, 'x'))).rejects.toMatchObject({ code: 'not_a_member' });
    await expect(eve.call(listMessages, { roomId: room.id })).rejects.toMatchObject({ code: 'not_a_member' });
    await expect(eve.call(sendTyping, { roomId: room.id })).rejects.toMatchObject({ code: 'not_a_member' });
  });

  test('pages history with no gap or duplicate while others keep sending', async () => {
    const owner = world.user('own_m3');
    const room = await owner.call(createRoom, { kind: 'open', name: 'busy' });
    const senders = Array.from({ length: 3 }, (_, i) => world.user(`s${i}_m3`));
    for (const s of senders) await s.call(joinRoom, { roomId: room.id });
    const before = await Promise.all(
      senders.flatMap((s, i) => Array.from({ length: 8 }, (_, j) => s.call(sendMessage, text(room.id, `a${i}-${j}`)))),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    const during: Promise<unknown>[] = [];
    for (let n = 0; ; n++) {
      during.push(senders[n % 3]!.call(sendMessage, text(room.id, `b${n}`)));
      const page = await owner.call(listMessages, { roomId: room.id, limit: 5, ...(cursor ? { before: cursor } : {}) });
      seen.push(...page.data.map((m) => m.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    await Promise.all(during);
    const firstPageNewest = BigInt(seen[0]!);
    const expected = before.map((m) => m.id).filter((id) => BigInt(id) <= firstPageNewest);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a > b ? -1 : 1)));
    expect(seen).toEqual(expect.arrayContaining(expected));
  });

  test('edits and deletes for the author only and tells the members', async () => {
    const { ada, bob, room } = await pair('m4');
    const m = await ada.call(sendMessage, text(room.id, 'e1', 'draft'));
    await expect(bob.call(editMessage, { roomId: room.id, messageId: m.id, text: 'x' })).rejects.toMatchObject({
      code: 'not_message_author',
    });
    const edited = await ada.call(editMessage, { roomId: room.id, messageId: m.id, text: 'final' });
    expect(edited.editedAt).not.toBeNull();
    const deleted = await ada.call(deleteMessage, { roomId: room.id, messageId: m.id });
    expect(deleted).toMatchObject({ id: m.id, text: null });
    expect(world.deliveredTo(bob.id, 'chat:message:updated')).not.toHaveLength(0);
    expect(world.deliveredTo(bob.id, 'chat:message:deleted')).not.toHaveLength(0);
    const [kept] = (await bob.call(listMessages, { roomId: room.id })).data;
    expect(kept).toMatchObject({ id: m.id, text: null });
    expect(kept?.deletedAt).not.toBeNull();
  });

  test('counts unread messages and shares read receipts unless a user turns them off', async () => {
    const { ada, bob, room } = await pair('m5');
    await ada.call(sendMessage, text(room.id, 'u1'));
    const last = await ada.call(sendMessage, text(room.id, 'u2'));
    expect((await bob.call(listRooms, {})).find((r) => r.id === room.id)?.unreadCount).toBe(2);
    expect((await ada.call(listRooms, {})).find((r) => r.id === room.id)?.unreadCount).toBe(0);
    expect(await bob.call(markRead, { roomId: room.id, messageId: last.id })).toMatchObject({ unreadCount: 0 });
    expect(world.deliveredTo(ada.id, 'chat:read').at(-1)?.data).toMatchObject({ userId: bob.id, messageId: last.id });
    expect((await ada.call(listReadReceipts, { roomId: room.id })).map((r) => r.userId)).toContain(bob.id);

    await bob.call(updateChatSettings, { readReceipts: false });
    const before = world.deliveredTo(ada.id, 'chat:read').length;
    const newer = await ada.call(sendMessage, text(room.id, 'u3'));
    await bob.call(markRead, { roomId: room.id, messageId: newer.id });
    expect(world.deliveredTo(ada.id, 'chat:read')).toHaveLength(before);
    expect(world.deliveredTo(bob.id, 'chat:read').at(-1)?.data).toMatchObject({ messageId: newer.id });
    expect((await ada.call(listReadReceipts, { roomId: room.id })).map((r) => r.userId)).not.toContain(bob.id);
  });

  test('tells the other members someone is typing, not the typist', async () => {
    const { ada, bob, room } = await pair('m6');
    await ada.call(sendTyping, { roomId: room.id });
    expect(world.deliveredTo(bob.id, 'chat:typing')).toHaveLength(1);
    expect(world.deliveredTo(ada.id, 'chat:typing')).toHaveLength(0);
  });

  test('enforces slow mode for members and the per-user send limit', async () => {
    const owner = world.user('own_m7');
    const guest = world.user('guest_m7');
    const room = await owner.call(createRoom, { kind: 'open', name: 'slow', slowModeSeconds: 60 });
    await guest.call(joinRoom, { roomId: room.id });
    await guest.call(sendMessage, text(room.id, 's1'));
    const err = await guest.call(sendMessage, text(room.id, 's2')).catch((e) => e);
    expect(err).toMatchObject({ code: 'rate_limited' });
    expect(err.details.retryAfterMs).toBeGreaterThan(0);
    await owner.call(sendMessage, text(room.id, 'o1'));
    await owner.call(sendMessage, text(room.id, 'o2'));

    await owner.call(updateRoom, { roomId: room.id, slowModeSeconds: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 45 }, (_, i) => owner.call(sendMessage, text(room.id, `flood${i}`))),
    );
    const limited = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'rate_limited',
    );
    expect(limited.length).toBeGreaterThan(0);
  });

  test('pushes a new message only to members with no connected socket, collapsed per room', async () => {
    const { ada, bob, room } = await pair('m8');
    const cy = world.user('cy_m8');
    const group = await ada.call(createRoom, { kind: 'open', name: 'push' });
    await bob.call(joinRoom, { roomId: group.id });
    await cy.call(joinRoom, { roomId: group.id });
    await world.online(cy.id);
    const m = await ada.call(sendMessage, text(group.id, 'p1', 'are you there?'));
    const direct = await ada.call(sendMessage, text(room.id, 'p2'));
    const ours = new Set([m.id, direct.id]);
    const jsm = await jetstream(world.nc).jetstreamManager();
    const jobs = await eventually(async () => {
      const { state } = await jsm.streams.info(world.jobs.topology.stream);
      const found: PushJob[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage(world.jobs.topology.stream, { seq }).catch(() => null);
        const job = msg ? PushJob.parse(decodeJson(msg.data)) : undefined;
        if (job && ours.has(job.data.messageId ?? '')) found.push(job);
      }
      return found.length >= 2 && found;
    });
    expect(jobs.map((j) => j.userId).sort()).toEqual([bob.id, bob.id]);
    expect(jobs.find((j) => j.collapseKey === `room:${group.id}`)).toMatchObject({
      notification: { title: ada.nickname, body: 'are you there?' },
      data: { roomId: group.id, messageId: m.id },
    });
  });

  test('answers bad message input with typed errors', async () => {
    const { ada, room } = await pair('m9');
    const call = (input: unknown) => ada.call(sendMessage, input as never);
    await expect(call(text(room.id, 'b1', 'x'.repeat(4001)))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(call(text(room.id, 'b2', '   '))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(call({ roomId: room.id, clientMsgId: 'b3', text: 42 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(call({ roomId: room.id, text: 'no client id' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(call(text('99999999', 'b4'))).rejects.toMatchObject({ code: 'room_not_found' });
    await expect(
      call({ roomId: room.id, clientMsgId: 'b5', kind: 'image', imageUploadId: '123' }),
    ).rejects.toMatchObject({
      code: 'upload_not_found',
    });
    await expect(ada.call(listMessages, { roomId: room.id, limit: 101 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  test('stores an image sent by URL and shows it as the message imageUrl', async () => {
    const { ada, bob, room } = await pair('m10');
    const imageUrl = 'https://images.example.com/cat.png?size=large';
    const sent = await ada.call(sendMessage, {
      roomId: room.id,
      clientMsgId: 'u1',
      kind: 'image',
      imageUrl,
      text: 'a cat',
    });
    expect(sent).toMatchObject({ kind: 'image', imageUrl, imageUploadId: null, text: 'a cat' });
    const page = await bob.call(listMessages, { roomId: room.id });
    expect(page.data.find((m) => m.id === sent.id)).toMatchObject({ kind: 'image', imageUrl, text: 'a cat' });
    await eventually(() =>
      expect(
        world
          .deliveredTo(bob.id, 'chat:message:created')
          .some((d) => (d.data as { id: string; imageUrl: string }).imageUrl === imageUrl),
      ).toBe(true),
    );
    const deleted = await ada.call(deleteMessage, { roomId: room.id, messageId: sent.id });
    expect(deleted).toMatchObject({ imageUrl: null, text: null });
  });

  test('refuses image URLs that are not absolute http(s), even from a caller that skips validation', async () => {
    const { ada, room } = await pair('m11');
    const send = async (input: Record<string, unknown>) => {
      const reply = await world.nc.request(
        sendMessage.subject,
        encodeJson({ roomId: room.id, kind: 'image', ...input }),
        { timeout: 10_000, headers: contextHeaders({ requestId: 'raw', caller: { userId: ada.id, sessionId: '1' } }) },
      );
      return decodeJson(reply.data) as { error?: { code: string } };
    };
    for (const imageUrl of [
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'ftp://example.com/cat.png',
      '/relative/cat.png',
      `https://example.com/${'a'.repeat(2048)}`,
    ])
      expect(await send({ clientMsgId: `bad-${imageUrl.slice(0, 12)}`, imageUrl })).toMatchObject({
        error: { code: 'validation_failed' },
      });
    expect(
      await send({ clientMsgId: 'both', imageUrl: 'https://example.com/a.png', imageUploadId: '123' }),
    ).toMatchObject({ error: { code: 'validation_failed' } });
    const page = await ada.call(listMessages, { roomId: room.id });
    expect(page.data).toHaveLength(0);
  });
});
