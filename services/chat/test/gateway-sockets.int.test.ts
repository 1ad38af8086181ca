import type { Friend, FriendRequest, Message, Room } from '@seed/contracts';
import { ask, describe, eventually, expect, pause, received } from '@seed/testkit';
import { type ChatWorld, type GatewayPair, test } from './support/fixtures.ts';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const data = <T>(ack: Ack<T>): T => {
  if (!ack.ok) throw new Error(`ack failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
};

describe('chat through two gateway replicas', () => {
  let world: ChatWorld;
  let gateways: GatewayPair;
  test.beforeAll(({ chatWorld, gatewayPair }) => {
    world = chatWorld;
    gateways = gatewayPair;
  });

  test('lets users on different replicas befriend, chat, see presence and typing, each change once', async () => {
    const ada = world.user('ada_g1');
    const bob = world.user('bob_g1');
    const adaSocket = await gateways.connect(gateways.a.url, ada.id);
    const bobSocket = await gateways.connect(gateways.b.url, bob.id);
    const bobRequests = received<FriendRequest>(bobSocket, 'friends:request:received');
    const adaAccepted = received(adaSocket, 'friends:request:accepted');

    const sent = data(
      await ask<Ack<{ request: FriendRequest }>>(adaSocket, 'friends:request:send', { nickname: bob.nickname }),
    );
    await eventually(() => expect(bobRequests).toHaveLength(1));
    data(await ask(bobSocket, 'friends:request:accept', { requestId: sent.request.id }));
    await eventually(() => expect(adaAccepted).toHaveLength(1));

    const friends = data(await ask<Ack<Friend[]>>(adaSocket, 'friends:list'));
    expect(friends).toEqual([expect.objectContaining({ id: bob.id, online: true })]);

    const room = data(await ask<Ack<Room>>(adaSocket, 'chat:room:direct', { userId: bob.id }));
    const bobMessages = received<Message>(bobSocket, 'chat:message:created');
    const adaMessages = received<Message>(adaSocket, 'chat:message:created');
    const bobTyping = received(bobSocket, 'chat:typing');
    const adaTyping = received(adaSocket, 'chat:typing');
    data(await ask(adaSocket, 'chat:typing:start', { roomId: room.id }));
    const message = data(
      await ask<Ack<Message>>(adaSocket, 'chat:message:send', { roomId: room.id, clientMsgId: 'g1', text: 'hi bob' }),
    );
    await eventually(() => expect(bobMessages.map((m) => m.id)).toEqual([message.id]));
    await eventually(() => expect(adaMessages.map((m) => m.id)).toEqual([message.id]));
    await eventually(() => expect(bobTyping).toHaveLength(1));
    const reply = data(
      await ask<Ack<Message>>(bobSocket, 'chat:message:send', { roomId: room.id, clientMsgId: 'g2', text: 'hey ada' }),
    );
    await eventually(() => expect(adaMessages.map((m) => m.id)).toEqual([message.id, reply.id]));
    await pause(300);
    expect(bobMessages).toHaveLength(2);
    expect(adaMessages).toHaveLength(2);
    expect(bobTyping).toHaveLength(1);
    expect(adaTyping).toHaveLength(0);
    expect(bobRequests).toHaveLength(1);
    expect(adaAccepted).toHaveLength(1);

    bobSocket.close();
    await eventually(async () => {
      const [bobNow] = data(await ask<Ack<Friend[]>>(adaSocket, 'friends:list'));
      expect(bobNow?.online).toBe(false);
    });
  });

  test('reaches every socket of a user, on both replicas', async () => {
    const ada = world.user('ada_g2');
    const bob = world.user('bob_g2');
    const adaSocket = await gateways.connect(gateways.a.url, ada.id);
    const bobOnA = await gateways.connect(gateways.a.url, bob.id);
    const bobOnB = await gateways.connect(gateways.b.url, bob.id);
    const gotA = received<Message>(bobOnA, 'chat:message:created');
    const gotB = received<Message>(bobOnB, 'chat:message:created');
    const room = data(await ask<Ack<Room>>(adaSocket, 'chat:room:direct', { userId: bob.id }));
    data(await ask(adaSocket, 'chat:message:send', { roomId: room.id, clientMsgId: 'g3', text: 'both' }));
    await eventually(() => expect([gotA.length, gotB.length]).toEqual([1, 1]));
    await pause(200);
    expect([gotA.length, gotB.length]).toEqual([1, 1]);
  });

  test('follows a room on sockets that connect later, and stops on a kicked member’s sockets', async () => {
    const owner = world.user('own_g5');
    const cleo = world.user('cleo_g5');
    const ownerSocket = await gateways.connect(gateways.a.url, owner.id);
    const cleoEarly = await gateways.connect(gateways.b.url, cleo.id);
    const room = data(await ask<Ack<Room>>(ownerSocket, 'chat:room:create', { kind: 'open', name: 'later' }));
    data(await ask(cleoEarly, 'chat:room:join', { roomId: room.id }));
    // Connected after the join: its rooms come from chat as it connects.
    const cleoLater = await gateways.connect(gateways.a.url, cleo.id);
    const early = received<Message>(cleoEarly, 'chat:message:created');
    const later = received<Message>(cleoLater, 'chat:message:created');
    const members = [cleoEarly, cleoLater].map((s) => received<{ change: string }>(s, 'chat:room:members'));
    const send = async (clientMsgId: string) =>
      data(
        await ask<Ack<Message>>(ownerSocket, 'chat:message:send', { roomId: room.id, clientMsgId, text: clientMsgId }),
      );

    await eventually(async () => {
      await send(`probe-${Date.now()}`);
      expect(later.length).toBeGreaterThan(0);
    });
    data(await ask(ownerSocket, 'chat:member:kick', { roomId: room.id, userId: cleo.id }));
    // Both of the kicked member's sockets hear of it, then nothing more of the room.
    await eventually(() => expect(members.map((m) => m.map((e) => e.change))).toEqual([['kicked'], ['kicked']]));
    const counts = [early.length, later.length];
    const after = await send('after-kick');
    await pause(300);
    expect([early.length, later.length]).toEqual(counts);
    expect([...early, ...later].map((m) => m.id)).not.toContain(after.id);
  });

  test('refuses non-members and bad payloads with ack errors and keeps the socket usable', async () => {
    const ada = world.user('ada_g3');
    const bob = world.user('bob_g3');
    const eve = world.user('eve_g3');
    const adaSocket = await gateways.connect(gateways.a.url, ada.id);
    const eveSocket = await gateways.connect(gateways.b.url, eve.id);
    const room = data(await ask<Ack<Room>>(adaSocket, 'chat:room:direct', { userId: bob.id }));
    const errors = received(eveSocket, 'error');

    const notMember = await ask<Ack<unknown>>(eveSocket, 'chat:message:send', {
      roomId: room.id,
      clientMsgId: 'x',
      text: 'hi',
    });
    expect(notMember).toMatchObject({ ok: false, error: { code: 'not_a_member' } });
    const tooLong = await ask<Ack<unknown>>(adaSocket, 'chat:message:send', {
      roomId: room.id,
      clientMsgId: 'y',
      text: 'x'.repeat(4001),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const wrongType = await ask<Ack<unknown>>(adaSocket, 'chat:message:send', { roomId: 12, text: ['no'] });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const unknownRoom = await ask<Ack<unknown>>(adaSocket, 'chat:message:list', { roomId: '123456789' });
    expect(unknownRoom).toMatchObject({ ok: false, error: { code: 'room_not_found' } });
    const hugeRoom = await ask<Ack<unknown>>(adaSocket, 'chat:message:list', { roomId: '99999999999999999999' });
    expect(hugeRoom).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const nul = await ask<Ack<unknown>>(adaSocket, 'chat:message:send', {
      roomId: room.id,
      clientMsgId: 'n',
      text: 'nul\u0000byte',
    });
    expect(nul).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const unknownEvent = await ask<Ack<unknown>>(adaSocket, 'chat:nothing:here', {});
    expect(unknownEvent).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    eveSocket.emit('chat:message:send', 'not even an object');
    await eventually(() => expect(errors).toEqual([expect.objectContaining({ code: 'validation_failed' })]));

    const ok = await ask<Ack<Message>>(adaSocket, 'chat:message:send', {
      roomId: room.id,
      clientMsgId: 'z',
      text: 'still here',
    });
    expect(ok).toMatchObject({ ok: true, data: { text: 'still here' } });
    expect(eveSocket.connected).toBe(true);
  });

  test('serves the same operations over HTTP, with history pages as {data, nextCursor}', async () => {
    const ada = world.user('ada_g4');
    const bob = world.user('bob_g4');
    const eve = world.user('eve_g4');
    const call = async (userId: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${gateways.b.url}/api/v1/chat${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await gateways.token(userId)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const room = (await call(ada.id, 'POST', `/rooms/direct/${bob.id}`)).body.data as Room;
    for (const n of [1, 2, 3])
      expect(
        (await call(ada.id, 'POST', `/rooms/${room.id}/messages`, { clientMsgId: `h${n}`, text: `m${n}` })).status,
      ).toBe(201);
    const first = await call(bob.id, 'GET', `/rooms/${room.id}/messages?limit=2`);
    expect(first.status).toBe(200);
    expect((first.body.data as Message[]).map((m) => m.text)).toEqual(['m3', 'm2']);
    expect(first.body.users).toEqual([expect.objectContaining({ id: ada.id })]);
    const next = await call(bob.id, 'GET', `/rooms/${room.id}/messages?limit=2&before=${first.body.nextCursor}`);
    expect(next.body).toMatchObject({ data: [{ text: 'm1' }], nextCursor: null });
    expect((await call(bob.id, 'GET', `/rooms/${room.id}/messages?limit=101`)).status).toBe(400);
    expect(await call(eve.id, 'GET', `/rooms/${room.id}/messages`)).toMatchObject({
      status: 403,
      body: { error: { code: 'not_a_member' } },
    });
    expect((await call(ada.id, 'POST', `/rooms/${room.id}/messages`, { clientMsgId: 'h4', text: '' })).status).toBe(
      400,
    );
  });
});
