import { createRoom, joinRoom, type Message, sendMessage, updateRoom } from '@seed/contracts';
import { ask, connectTestSocket, describe, eventually, expect, pause, received } from '@seed/testkit';
import { type LegacyWorld, test } from './support/fixtures.ts';

interface LegacyMessage {
  type: string;
  id?: string;
  nickname?: string;
  text: string;
  imageUrl?: string;
  time: string;
}
interface RoomUsers {
  room: string;
  users: { id: string; nickname: string }[];
}
const TIME = /^(1[0-2]|[1-9]):[0-5][0-9] (am|pm)$/;

describe('legacy protocol on /rooms', () => {
  let world: LegacyWorld;
  let gateways: LegacyWorld;
  test.beforeAll(({ chatWorld }) => {
    world = chatWorld;
    gateways = chatWorld;
  });

  /** The refusal of a handshake with this `auth` (a connection fails the test). */
  function handshake(auth: Record<string, unknown>) {
    return connectTestSocket(gateways.a.url, { namespace: '/rooms', auth }).then(
      () => {
        throw new Error('connected');
      },
      (err: Error & { data?: unknown }) => ({ message: err.message, data: err.data }),
    );
  }

  const legacyClient = (url: string, userId: string, nickname = 'anything') =>
    gateways.connect(url, userId, '/rooms', { nickname });

  test('refuses handshakes with the legacy codes E01–E04', async () => {
    const user = world.member('hs_s1');
    const expired = await gateways.tokens.signAccessToken({
      sub: user.id,
      sid: '1',
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    expect(await handshake({ token: expired, nickname: 'x' })).toEqual({
      message: 'E01',
      data: { content: 'refresh required' },
    });
    expect(await handshake({ token: 'garbage', nickname: 'x' })).toEqual({
      message: 'E02',
      data: { content: 'login required' },
    });
    expect(await handshake({ nickname: 'x' })).toEqual({ message: 'E02', data: { content: 'login required' } });
    const valid = await gateways.token(user.id);
    expect(await handshake({ token: valid })).toEqual({ message: 'E04', data: { content: 'nickname required' } });
  });

  test('joins an open room and chats with the legacy messages, across replicas and APIs', async () => {
    const owner = world.member('own_s2');
    const ada = world.member('ada_s2');
    const bob = world.member('bob_s2');
    const room = await owner.call(createRoom, { kind: 'open', name: 'Lobby' });
    const adaSocket = await legacyClient(gateways.a.url, ada.id);
    const bobSocket = await legacyClient(gateways.b.url, bob.id);
    const adaMessages = received<LegacyMessage>(adaSocket, 'message');
    const adaUsers = received<RoomUsers>(adaSocket, 'roomUsers');
    const bobMessages = received<LegacyMessage>(bobSocket, 'message');
    const bobUsers = received<RoomUsers>(bobSocket, 'roomUsers');

    adaSocket.emit('joinRoom', { room: room.id });
    await eventually(() => expect(adaUsers.at(-1)?.users.map((u) => u.nickname)).toEqual([ada.nickname]));
    expect(adaMessages[0]).toMatchObject({ type: 'system', text: 'Welcome to Lobby!' });
    expect(adaMessages[0]?.time).toMatch(TIME);

    bobSocket.emit('joinRoom', { room: Number(room.id) > Number.MAX_SAFE_INTEGER ? room.id : Number(room.id) });
    await eventually(() => expect(bobUsers.at(-1)?.users).toHaveLength(2));
    await eventually(() =>
      expect(
        adaUsers
          .at(-1)
          ?.users.map((u) => u.id)
          .sort(),
      ).toEqual([ada.id, bob.id].sort()),
    );
    await eventually(() =>
      expect(adaMessages.at(-1)).toMatchObject({ type: 'system', text: `${bob.nickname} has joined the chat` }),
    );

    adaSocket.emit('chatMessage', JSON.stringify({ type: 'text', text: 'hello lobby' }));
    await eventually(() =>
      expect(bobMessages.at(-1)).toMatchObject({
        type: 'text',
        id: ada.id,
        nickname: ada.nickname,
        text: 'hello lobby',
      }),
    );
    expect(bobMessages.at(-1)?.time).toMatch(TIME);
    await eventually(() => expect(adaMessages.at(-1)).toMatchObject({ type: 'text', text: 'hello lobby' }));

    await owner.call(sendMessage, { roomId: room.id, clientMsgId: 'new-api', kind: 'text', text: 'from the new API' });
    await eventually(() =>
      expect(bobMessages.at(-1)).toMatchObject({ text: 'from the new API', nickname: owner.nickname }),
    );
    await pause(200);
    expect(bobMessages.filter((m) => m.text === 'hello lobby')).toHaveLength(1);

    const history = new Promise<{ room: string; messages: LegacyMessage[] }>((r) => bobSocket.once('history', r));
    bobSocket.emit('history', { room: room.id });
    expect((await history).messages.map((m) => m.text)).toEqual(['hello lobby', 'from the new API']);

    adaSocket.close();
    await eventually(() => expect(bobUsers.at(-1)?.users.map((u) => u.id)).toEqual([bob.id]));
    await eventually(() =>
      expect(bobMessages.at(-1)).toMatchObject({ type: 'system', text: `${ada.nickname} has left the chat` }),
    );
  });

  test('alerts on invalid, unknown, expired and doubly joined rooms and bad messages, staying connected', async () => {
    const owner = world.member('own_s3');
    const ada = world.member('ada_s3');
    const open = await owner.call(createRoom, { kind: 'open', name: 'open' });
    const expired = await owner.call(createRoom, { kind: 'open', name: 'expired' });
    await owner.call(updateRoom, { roomId: expired.id, closesAt: new Date(Date.now() - 1000).toISOString() });
    const adaSocket = await legacyClient(gateways.a.url, ada.id);
    const alerts = received<{ code: string }>(adaSocket, 'alert');
    const expectAlert = async (code: string) => {
      await eventually(() => expect(alerts.at(-1)?.code).toBe(code));
      alerts.length = 0;
    };

    adaSocket.emit('joinRoom', { room: 'abc' });
    await expectAlert('INVALID_ROOM');
    adaSocket.emit('joinRoom', { room: '987654321' });
    await expectAlert('INVALID_ROOM');
    adaSocket.emit('joinRoom', { room: expired.id });
    await expectAlert('ROOM_EXPIRED');
    adaSocket.emit('chatMessage', 'not json at all');
    await expectAlert('INVALID_MESSAGE');
    adaSocket.emit('chatMessage', JSON.stringify({ type: 'text', text: 'nowhere' }));
    await expectAlert('NOT_IN_ROOM');

    adaSocket.emit('joinRoom', { room: open.id });
    const second = await legacyClient(gateways.b.url, ada.id);
    const secondAlerts = received<{ code: string }>(second, 'alert');
    await eventually(async () => {
      second.emit('joinRoom', { room: open.id });
      await pause(100);
      expect(secondAlerts.at(-1)?.code).toBe('ALREADY_JOINED');
    });
    adaSocket.emit('chatMessage', JSON.stringify({ type: 'text', text: 'x'.repeat(4001) }));
    await expectAlert('INVALID_MESSAGE');
    adaSocket.emit('chatMessage', JSON.stringify({ type: 'video', text: 'hm' }));
    await expectAlert('INVALID_MESSAGE');

    const messages = received<LegacyMessage>(adaSocket, 'message');
    adaSocket.emit('chatMessage', JSON.stringify({ type: 'text', text: 'still fine' }));
    await eventually(() => expect(messages.at(-1)).toMatchObject({ text: 'still fine' }));
    expect(adaSocket.connected).toBe(true);
  });

  test('answers the acknowledgement of every event, one sent without a payload or unknown to the protocol', async () => {
    const ada = world.member('ada_s5');
    const socket = await legacyClient(gateways.a.url, ada.id);
    const ack = (event: string) => socket.timeout(5_000).emitWithAck(event);
    expect(await ack('joinRoom')).toEqual({ ok: false, error: { code: 'INVALID_ROOM', message: expect.any(String) } });
    expect(await ack('chatMessage')).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
    expect(await ack('history')).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    expect(await ack('dance')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    expect(socket.connected).toBe(true);
  });

  test('sends images by URL as the original protocol does, to legacy and new-API clients, and refuses other schemes', async () => {
    const owner = world.member('own_s4');
    const ada = world.member('ada_s4');
    const bob = world.member('bob_s4');
    const cy = world.member('cy_s4');
    const room = await owner.call(createRoom, { kind: 'open', name: 'Gallery' });
    await cy.call(joinRoom, { roomId: room.id });
    const adaSocket = await legacyClient(gateways.a.url, ada.id);
    const bobSocket = await legacyClient(gateways.b.url, bob.id);
    const cySocket = await gateways.connect(gateways.a.url, cy.id);
    const bobMessages = received<LegacyMessage>(bobSocket, 'message');
    const cyMessages = received<Message>(cySocket, 'chat:message:created');
    const adaAlerts = received<{ code: string }>(adaSocket, 'alert');
    for (const socket of [adaSocket, bobSocket])
      expect(await ask(socket, 'joinRoom', { room: room.id })).toEqual({ ok: true });

    const imageUrl = 'https://images.example.com/cats/1.png';
    expect(await ask(adaSocket, 'chatMessage', JSON.stringify({ type: 'image', imageUrl, text: 'a cat' }))).toEqual({
      ok: true,
    });
    await eventually(() =>
      expect(bobMessages.at(-1)).toMatchObject({ type: 'image', id: ada.id, imageUrl, text: 'a cat' }),
    );
    await eventually(() => expect(cyMessages.at(-1)).toMatchObject({ kind: 'image', authorId: ada.id, imageUrl }));

    const refused = await ask<{ ok: boolean; error?: { code: string } }>(
      adaSocket,
      'chatMessage',
      JSON.stringify({ type: 'image', imageUrl: 'javascript:alert(document.cookie)' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
    await eventually(() => expect(adaAlerts.at(-1)?.code).toBe('INVALID_MESSAGE'));

    adaSocket.emit('chatMessage', JSON.stringify({ type: 'text', text: 'still here' }));
    await eventually(() => expect(bobMessages.at(-1)).toMatchObject({ type: 'text', text: 'still here' }));
    expect(adaSocket.connected).toBe(true);

    const history = new Promise<{ room: string; messages: LegacyMessage[] }>((r) => bobSocket.once('history', r));
    bobSocket.emit('history', { room: room.id });
    expect((await history).messages.map(({ type, text, imageUrl }) => ({ type, text, imageUrl }))).toEqual([
      { type: 'image', text: 'a cat', imageUrl },
      { type: 'text', text: 'still here', imageUrl: undefined },
    ]);
  });
});
