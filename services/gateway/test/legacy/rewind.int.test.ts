import { type Message, sessionRevoked } from '@seed/contracts';
import { publishEvent } from '@seed/runtime';
import { ask, describe, eventually, expect, pause, received } from '@seed/testkit';
import { type LegacyWorld, test } from './support/fixtures.ts';
import { connectRewind, type RewindClient } from './support/rewind-client.ts';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string } };
const data = <T>(ack: Ack<T>): T => {
  if (!ack.ok) throw new Error(`ack failed: ${ack.error.code}`);
  return ack.data;
};

test.override(
  'gatewayOptions',
  { scope: 'file' },
  {
    legacy: { rewind: { heartbeatIntervalMs: 1_500, heartbeatGraceMs: 500 } },
  },
);

describe('REWIND raw WebSocket at /ws', () => {
  let world: LegacyWorld;
  let gateways: LegacyWorld;
  const clients: RewindClient[] = [];
  test.beforeAll(({ chatWorld }) => {
    world = chatWorld;
    gateways = chatWorld;
  });
  test.afterAll(() => {
    for (const c of clients) c.close();
  });

  async function rewind(url: string) {
    const client = await connectRewind(url);
    clients.push(client);
    return client;
  }

  async function signedIn(url: string, userId: string) {
    const client = await rewind(url);
    client.send('heartbeat', { count: 1 });
    client.send('auth', { auth: await gateways.token(userId) });
    await eventually(() => expect(client.of('auth')).toHaveLength(1));
    return client;
  }

  test('closes with 4003 when the first frame is not a heartbeat', async () => {
    const client = await rewind(gateways.a.url);
    client.send('auth', { auth: 'whatever' });
    await eventually(() => expect(client.closed()?.code).toBe(4003));
    expect(client.of('error')[0]?.payload).toMatchObject({ code: 'heartbeat_required' });
  });

  test('echoes heartbeats and closes with 4003 when they stop', async () => {
    const client = await rewind(gateways.b.url);
    client.send('heartbeat', { count: 7 });
    await eventually(() => expect(client.of('heartbeat')).toEqual([{ type: 'heartbeat', payload: { count: 7 } }]));
    await pause(1_000);
    client.send('heartbeat', { count: 8 });
    await pause(1_200);
    expect(client.closed()).toBeUndefined();
    await eventually(() => expect(client.closed()?.code).toBe(4003), 5_000);
  });

  test('answers bad frames with error frames and stays usable', async () => {
    const ada = world.member('ada_w1');
    const client = await rewind(gateways.a.url);
    client.send('heartbeat', 1);
    client.raw('{not json');
    client.send('dance', {});
    client.send('chat', { type: 'send', chat_id: '123', content: 'hi' });
    client.send('auth', { auth: 'not-a-token' });
    client.raw(JSON.stringify({ payload: {} }));
    await eventually(() => expect(client.of('error')).toHaveLength(5));
    // `4000` asks the app to sign in again.
    expect(client.of('error').map((f) => f.payload.code)).toEqual([
      'validation_failed',
      'unknown_event',
      '4000',
      '4000',
      'validation_failed',
    ]);
    client.send('auth', { auth: await gateways.token(ada.id) });
    await eventually(() => expect(client.of('auth')).toHaveLength(1));
    expect(client.of('auth')[0]?.payload).toMatchObject({
      self_user: { id: ada.id, name: ada.nickname, profile: null },
      mutual_requests: '[]',
      mutual_users: '[]',
    });
    client.send('chat', { type: 'send', chat_id: '99999999', content: 'nowhere' });
    client.send('load', { type: 'chat', load_id: '99999999', datetime: 'bm90IGEgZGF0ZQ==', count: 5 });
    client.send('chat', { type: 'send', chat_id: '99999999999999999999', content: 'beyond 64 bits' });
    client.send('chat', { type: 'send', chat_id: '99999999', content: 'nul\u0000byte' });
    await eventually(() => expect(client.of('error')).toHaveLength(9));
    expect(
      client
        .of('error')
        .slice(5)
        .map((f) => f.payload.code),
    ).toEqual(['room_not_found', 'validation_failed', 'validation_failed', 'validation_failed']);
    expect(client.closed()).toBeUndefined();
  });

  test('lets a REWIND client and a new-API client befriend and exchange DMs across replicas', async () => {
    const ada = world.member('ada_w2');
    const bob = world.member('bob_w2');
    const adaWs = await signedIn(gateways.a.url, ada.id);
    const bobSocket = await gateways.connect(gateways.b.url, bob.id);
    const bobRequests = received(bobSocket, 'friends:request:received');
    const bobCreated = received<Message>(bobSocket, 'chat:message:created');
    const bobUpdated = received<Message>(bobSocket, 'chat:message:updated');
    const bobDeleted = received<Message>(bobSocket, 'chat:message:deleted');

    adaWs.send('mutual_users', { type: 'request', name: bob.nickname });
    await eventually(() => expect(bobRequests).toHaveLength(1));
    const [request] = data(await ask<Ack<{ incoming: { id: string }[] }>>(bobSocket, 'friends:request:list')).incoming;
    data(await ask(bobSocket, 'friends:request:accept', { requestId: request!.id }));
    await eventually(() =>
      expect(adaWs.of('mutual_users', 'response')[0]?.payload).toMatchObject({
        user: { id: bob.id, name: bob.nickname },
      }),
    );

    adaWs.send('load', { type: 'mutual_users' });
    const friendLists = () => adaWs.of('mutual_users').filter((f) => Array.isArray(f.payload));
    await eventually(() => expect(friendLists()).toHaveLength(1));
    const [friend] = friendLists()[0]!.payload as unknown as { id: string; chat_id: string }[];
    const room = data(await ask<Ack<{ id: string }>>(bobSocket, 'chat:room:direct', { userId: ada.id }));
    const chatId = (BigInt(ada.id) ^ BigInt(bob.id)).toString();
    expect(friend).toMatchObject({ id: bob.id, chat_id: chatId });

    data(await ask(bobSocket, 'chat:message:send', { roomId: room.id, clientMsgId: 'b1', text: 'hi from socket.io' }));
    await eventually(() =>
      expect(adaWs.of('chat', 'send').at(-1)?.payload).toMatchObject({
        chat_id: chatId,
        user_id: bob.id,
        content: 'hi from socket.io',
      }),
    );
    expect(adaWs.of('chat', 'send').at(-1)?.payload.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);

    adaWs.send('chat', { type: 'send', chat_id: chatId, content: 'hi from REWIND' });
    await eventually(() => expect(bobCreated.map((m) => m.text)).toEqual(['hi from socket.io', 'hi from REWIND']));
    const mine = bobCreated[1]!;
    adaWs.send('chat', { type: 'send', chat_id: room.id, content: '   ' });
    adaWs.send('chat', { type: 'edit', chat_id: room.id, id: mine.id, content: 'edited' });
    await eventually(() => expect(bobUpdated.map((m) => m.text)).toEqual(['edited']));
    adaWs.send('chat', { type: 'edit', chat_id: room.id, id: mine.id, content: '' });
    await eventually(() => expect(bobDeleted.map((m) => m.id)).toEqual([mine.id]));
    await eventually(() =>
      expect(adaWs.of('chat', 'edit').at(-1)?.payload).toMatchObject({ id: mine.id, content: '' }),
    );
    await pause(200);
    expect(bobCreated).toHaveLength(2);
    expect(adaWs.of('chat', 'send').filter((f) => f.payload.content === 'hi from socket.io')).toHaveLength(1);

    const newest = adaWs.of('chat', 'send').at(-1)!.payload;
    const before = adaWs.frames.length;
    adaWs.send('load', {
      type: 'chat',
      load_id: room.id,
      datetime: Buffer.from(String(newest.created_at)).toString('base64'),
      count: 10,
    });
    await eventually(() => expect(adaWs.frames.length).toBeGreaterThan(before));
    await pause(200);
    expect(adaWs.frames.slice(before).map((f) => f.payload.content)).toEqual(['hi from socket.io']);

    const bobRemoved = received(bobSocket, 'friends:removed');
    adaWs.send('mutual_users', { type: 'delete', name: bob.nickname });
    await eventually(() => expect(bobRemoved).toEqual([{ userId: ada.id }]));
  });

  test('shows a REWIND client a message with an image on the web as its URL, live and in history', async () => {
    const ada = world.member('ada_w5');
    const bob = world.member('bob_w5');
    const adaWs = await signedIn(gateways.a.url, ada.id);
    const bobSocket = await gateways.connect(gateways.b.url, bob.id);
    const room = data(await ask<Ack<{ id: string }>>(bobSocket, 'chat:room:direct', { userId: ada.id }));
    const imageUrl = 'https://images.example/cat.png';
    data(await ask(bobSocket, 'chat:message:send', { roomId: room.id, clientMsgId: 'i1', kind: 'image', imageUrl }));
    await eventually(() =>
      expect(adaWs.of('chat', 'send').at(-1)?.payload).toMatchObject({
        chat_id: (BigInt(ada.id) ^ BigInt(bob.id)).toString(),
        content: imageUrl,
      }),
    );

    const before = adaWs.frames.length;
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    const later = Buffer.from(`${inAMinute.slice(0, 10)} ${inAMinute.slice(11, 23)}000`).toString('base64');
    adaWs.send('load', { type: 'chat', load_id: room.id, datetime: later, count: 10 });
    await eventually(() => expect(adaWs.frames.length).toBeGreaterThan(before));
    await pause(200);
    expect(adaWs.frames.slice(before).map((f) => f.payload.content)).toEqual([imageUrl]);
  });

  test('closes every connection of a signed-out session, on every replica, and no other', async () => {
    const eve = world.member('eve_w9');
    const signIn = async (url: string, sid: string) => {
      const client = await rewind(url);
      client.send('heartbeat', 1);
      client.send('auth', { auth: await gateways.tokens.signAccessToken({ sub: eve.id, sid }) });
      await eventually(() => expect(client.of('auth')).toHaveLength(1));
      return client;
    };
    const onA = await signIn(gateways.a.url, '9101');
    const onB = await signIn(gateways.b.url, '9101');
    const otherSession = await signIn(gateways.b.url, '9102');
    publishEvent(world.nc, sessionRevoked, { userId: eve.id, sessionId: '9101', reason: 'logout' });
    await eventually(() => expect(onA.closed()?.code).toBe(4001));
    await eventually(() => expect(onB.closed()?.code).toBe(4001));
    otherSession.send('heartbeat', 2);
    await eventually(() => expect(otherSession.of('heartbeat')).toHaveLength(2));
    expect(otherSession.closed()).toBeUndefined();
  });

  test('stops acting on an expired access token until the client signs in again', async () => {
    const fay = world.member('fay_w10');
    const client = await rewind(gateways.a.url);
    client.send('heartbeat', 1);
    const exp = Math.floor(Date.now() / 1000) + 2;
    client.send('auth', { auth: await gateways.tokens.signAccessToken({ sub: fay.id, sid: '9201', exp }) });
    await eventually(() => expect(client.of('auth')).toHaveLength(1));
    // Keep beating (this file's heartbeat window is 2 s) until the token has expired.
    while (Date.now() < exp * 1000 + 100) {
      client.send('heartbeat', 1);
      await pause(400);
    }
    client.send('load', { type: 'mutual_users' });
    await eventually(() => expect(client.of('error').map((f) => f.payload.code)).toContain('4000'));
    client.send('auth', { auth: await gateways.token(fay.id) });
    await eventually(() => expect(client.of('auth')).toHaveLength(2));
    client.send('load', { type: 'mutual_users' });
    await eventually(() => expect(client.of('mutual_users').length).toBeGreaterThan(0));
    expect(client.closed()).toBeUndefined();
  });
});
