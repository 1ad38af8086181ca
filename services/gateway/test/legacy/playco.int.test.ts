import { randomBytes } from 'node:crypto';
import {
  connectTestSocket,
  describe,
  expect,
  nextEvent,
  pause,
  received,
  type TestGateway,
  type TestSocket,
} from '@seed/testkit';
import { type LegacyWorld, type TestUser, test } from './support/fixtures.ts';

interface Envelope {
  code: number;
  subCode: string;
  success: boolean;
  message: string;
  // biome-ignore lint/suspicious/noExplicitAny: asserted by each test
  data?: any;
}

/** What each member of a legacy room plays, by session name (`participants[nick].status.currently_playing`). */
const playing = (room: { participants: Record<string, { status: { currently_playing: number | null } }> }) =>
  Object.fromEntries(Object.entries(room.participants).map(([name, p]) => [name, p.status.currently_playing]));

const watch = (n: number) => `https://youtu.be/vid${String(n).padStart(8, '0')}`;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted by each test
const body = (res: Response): Promise<any> => res.json();

/** A legacy client: its socket on `/playco_ws`, its csrf token and its current Socket.IO token. */
interface LegacyClient {
  socket: TestSocket;
  csrf: string;
  token: string;
  /** Sends `event` with the credentials and waits for `REQUEST_RESPONSE_<request_id>`. */
  send(event: string, fields?: Record<string, unknown>, credentials?: Record<string, unknown>): Promise<Envelope>;
}

async function sioToken(user: TestUser, gateway: TestGateway, sid: string, csrf: string) {
  const res = await user.http(gateway, 'POST', '/api/v1/playco/socketio/auth', { sid, sio_csrf_token: csrf });
  expect(res.status).toBe(200);
  const { data } = await body(res);
  expect(Date.parse(data.sio_token.exp)).toBeGreaterThan(Date.now() + 50 * 60_000);
  return data.sio_token.token as string;
}

async function legacyClient(user: TestUser, gateway: TestGateway): Promise<LegacyClient> {
  const socket = await connectTestSocket(gateway.url, { namespace: '/playco_ws' });
  const csrf = randomBytes(16).toString('hex');
  const client: LegacyClient = {
    socket,
    csrf,
    token: await sioToken(user, gateway, socket.id!, csrf),
    send(event, fields = {}, credentials) {
      const requestId = randomBytes(6).toString('hex');
      const reply = nextEvent<Envelope>(socket, `REQUEST_RESPONSE_${requestId}`);
      socket.emit(event, {
        ...(credentials ?? { sio_token: client.token, sio_csrf_token: csrf }),
        request_id: requestId,
        ...fields,
      });
      return reply;
    },
  };
  return client;
}

describe('the legacy PlayCo protocol on /playco_ws, across two gateway replicas', () => {
  let c: LegacyWorld;
  let ada: TestUser;
  let bob: TestUser;
  let playlistId: string;
  let adaClient: LegacyClient;
  let bobClient: LegacyClient;

  test.beforeAll(async ({ playcoWorld }) => {
    c = playcoWorld;
    ada = await c.user('ada');
    bob = await c.user('bob');
    const created = await body(
      await ada.http(c.a, 'POST', '/api/v1/playco/playlists', {
        name: 'Together',
        publicReadable: true,
        publicItemAppendable: true,
      }),
    );
    playlistId = created.data.id;
    await ada.http(
      c.a,
      'POST',
      `/api/v1/playco/playlists/${playlistId}/items`,
      { url: watch(1) },
      { 'if-match': '"0"' },
    );
  });
  test('creates a session with playcoConnect and answers on REQUEST_RESPONSE_<request_id>', async () => {
    adaClient = await legacyClient(ada, c.a);
    const reply = await adaClient.send('playcoConnect');
    expect(reply).toMatchObject({ code: 201, subCode: 'SESSION_CREATED', success: true });
    expect(await adaClient.send('playco_connect')).toMatchObject({ code: 400, subCode: 'SESSION_ALREADY_CREATED' });
  });

  test('lets members enter, each seeing PLAYLIST_USER_ENTERED with the room, its own entry once', async () => {
    const adaHeard = received<Envelope>(adaClient.socket, 'PLAYLIST_USER_ENTERED');
    const entered = await adaClient.send('playlist_enter', { playlist_id: playlistId, currently_playing: 0 });
    // Before its reply, as the original server sent it: the client draws the room from it.
    expect(adaHeard.map((e) => e.data.session_name)).toEqual(['ada#1']);
    expect(playing(adaHeard[0]!.data.room)).toEqual({ 'ada#1': 0 });
    expect(entered).toMatchObject({ code: 200, subCode: 'USER_JOINED', data: { session_name: 'ada#1' } });
    expect(playing(entered.data.room)).toEqual({ 'ada#1': 0 });

    bobClient = await legacyClient(bob, c.b);
    expect((await bobClient.send('playco_connect')).subCode).toBe('SESSION_CREATED');
    const seen = nextEvent<Envelope>(adaClient.socket, 'PLAYLIST_USER_ENTERED', (e) => e.data.session_name === 'bob#1');
    const bobEntered = await bobClient.send('playlist_enter', { playlist_id: playlistId });
    expect(bobEntered.data.session_name).toBe('bob#1');
    const broadcast = await seen;
    expect(broadcast).toMatchObject({
      subCode: 'PLAYLIST_USER_ENTERED',
      success: true,
      data: { session_name: 'bob#1' },
    });
    expect(playing(broadcast.data.room)).toEqual({ 'ada#1': 0, 'bob#1': null });
    // Playco's events keep their order: a second copy of ada's entry would have come before bob's.
    expect(adaHeard.map((e) => e.data.session_name)).toEqual(['ada#1', 'bob#1']);
  });

  test('numbers a second session of the same user', async () => {
    const again = await legacyClient(ada, c.b);
    await again.send('playcoConnect');
    const entered = await again.send('playlist_enter', { playlist_id: playlistId });
    expect(entered.data.session_name).toBe('ada#2');
    const left = nextEvent<Envelope>(bobClient.socket, 'PLAYLIST_USER_EXITED');
    expect((await again.send('playlist_leave', { playlist_id: playlistId })).subCode).toBe('USER_LEFT_SELF');
    expect((await left).data.session_name).toBe('ada#2');
    again.socket.close();
  });

  test('broadcasts PLAYLIST_MODIFIED when items change, and moves members’ pointers with their items', async () => {
    const modified = nextEvent<Envelope>(
      adaClient.socket,
      'PLAYLIST_MODIFIED',
      (e) => e.subCode === 'PLAYLIST_MODIFIED' && e.data?.room?.playlist_hash === '"2"',
    );
    const added = await bob.http(
      c.b,
      'POST',
      `/api/v1/playco/playlists/${playlistId}/items`,
      { url: watch(2) },
      {
        'if-match': '"1"',
      },
    );
    expect(added.status).toBe(201);
    const event = await modified;
    expect(event.data.room).toMatchObject({ playlist_id: playlistId, playlist_hash: '"2"', db_modified: true });
    expect(event.data.playlist.items).toHaveLength(2);

    const status = nextEvent<Envelope>(adaClient.socket, 'PLAYLIST_MODIFIED', (e) => e.subCode === 'ROOM_MODIFIED');
    const set = await bobClient.send('playlist_set_status', { playlist_id: playlistId, currently_playing: 1 });
    expect(set).toMatchObject({ subCode: 'ROOM_MODIFIED' });
    expect(playing(set.data.room)['bob#1']).toBe(1);
    const statusEvent = await status;
    expect(playing(statusEvent.data.room)['bob#1']).toBe(1);
    expect(statusEvent.data.room.db_modified).toBe(false);

    const { data: playlist } = await body(await ada.http(c.a, 'GET', `/api/v1/playco/playlists/${playlistId}`));
    const moved = nextEvent<Envelope>(
      bobClient.socket,
      'PLAYLIST_MODIFIED',
      (e) => e.data?.room?.playlist_hash === '"3"',
    );
    await ada.http(
      c.a,
      'PATCH',
      `/api/v1/playco/playlists/${playlistId}/items/${playlist.items[1].id}`,
      { position: 0 },
      {
        'if-match': '"2"',
      },
    );
    expect(playing((await moved).data.room)).toEqual({ 'ada#1': 1, 'bob#1': 0 });

    const removed = nextEvent<Envelope>(
      bobClient.socket,
      'PLAYLIST_MODIFIED',
      (e) => e.data?.room?.playlist_hash === '"4"',
    );
    await ada.http(c.a, 'DELETE', `/api/v1/playco/playlists/${playlistId}/items/${playlist.items[1].id}`, undefined, {
      'if-match': '"3"',
    });
    expect(playing((await removed).data.room)).toEqual({ 'ada#1': 0, 'bob#1': 0 });
  });

  test('keeps the session when the client re-authenticates with a new token', async () => {
    const fresh = await sioToken(bob, c.b, bobClient.socket.id!, bobClient.csrf);
    expect(fresh).not.toBe(bobClient.token);
    bobClient.token = fresh;
    const set = await bobClient.send('playlist_set_status', { playlist_id: playlistId, currently_playing: 0 });
    expect(set.subCode).toBe('ROOM_MODIFIED');
    expect(Object.keys(set.data.room.participants)).toEqual(['ada#1', 'bob#1']);
  });

  test('refuses events without their fields or with a token that is not this socket’s', async () => {
    const bare = await adaClient.send('playlist_enter', { playlist_id: playlistId }, {});
    expect(bare).toMatchObject({ code: 400, subCode: 'PAYLOAD_REQUIRED_OMITTED', data: { omitted: 'sio_token' } });
    const noPlaylist = await adaClient.send('playlist_enter', {});
    expect(noPlaylist).toMatchObject({ subCode: 'PAYLOAD_REQUIRED_OMITTED', data: { omitted: 'playlist_id' } });
    for (const currently_playing of [undefined, null, '']) {
      const noStatus = await adaClient.send('playlist_set_status', { playlist_id: playlistId, currently_playing });
      expect(noStatus).toMatchObject({ subCode: 'PAYLOAD_REQUIRED_OMITTED', data: { omitted: 'currently_playing' } });
    }
    const othersToken = await adaClient.send(
      'playlist_enter',
      { playlist_id: playlistId },
      {
        sio_token: bobClient.token,
        sio_csrf_token: bobClient.csrf,
      },
    );
    expect(othersToken).toMatchObject({ code: 400, subCode: 'SIO_TOKEN_INVALID' });
    const wrongCsrf = await adaClient.send(
      'playlist_enter',
      { playlist_id: playlistId },
      {
        sio_token: adaClient.token,
        sio_csrf_token: 'not-the-csrf-token',
      },
    );
    expect(wrongCsrf.subCode).toBe('SIO_TOKEN_INVALID');
    const made = await adaClient.send(
      'playlist_enter',
      { playlist_id: playlistId },
      {
        sio_token: 'made-up-token',
        sio_csrf_token: adaClient.csrf,
      },
    );
    expect(made.subCode).toBe('SIO_TOKEN_INVALID');
  });

  test('answers the legacy not-found codes, never SERVER_ERROR, for bad input', async () => {
    const { data: hidden } = await body(await bob.http(c.b, 'POST', '/api/v1/playco/playlists', { name: 'Private' }));
    expect((await adaClient.send('playlist_enter', { playlist_id: hidden.id })).subCode).toBe('PLAYLIST_NOT_EXIST');
    expect((await adaClient.send('playlist_enter', { playlist_id: 'drop table' })).subCode).toBe('PLAYLIST_NOT_EXIST');
    expect((await adaClient.send('playlist_leave', { playlist_id: hidden.id })).subCode).toBe('ROOM_NOT_EXIST');
    const far = await adaClient.send('playlist_set_status', { playlist_id: playlistId, currently_playing: 99 });
    expect(far).toMatchObject({ code: 400, success: false });
    const stranger = await legacyClient(ada, c.a);
    expect((await stranger.send('playlist_enter', { playlist_id: playlistId })).subCode).toBe('SESSION_NOT_EXIST');
    stranger.socket.close();
    const huge = await adaClient.send('playlist_enter', { playlist_id: '99999999999999999999' });
    expect(huge.subCode).toBe('PLAYLIST_NOT_EXIST');
  });

  test('answers an event the protocol does not have through its acknowledgement', async () => {
    const unknown = await adaClient.socket.timeout(5_000).emitWithAck('playlist_dance', { request_id: 'r1' });
    expect(unknown).toMatchObject({ code: 404, subCode: 'EVENT_NOT_EXIST', success: false });
    expect(adaClient.socket.connected).toBe(true);
  });

  test('tells the others when a member disconnects', async () => {
    const exited = nextEvent<Envelope>(
      adaClient.socket,
      'PLAYLIST_USER_EXITED',
      (e) => e.data.session_name === 'bob#1',
    );
    bobClient.socket.close();
    const event = await exited;
    expect(event.data.session_name).toBe('bob#1');
    expect(playing(event.data.room)).toEqual({ 'ada#1': 0 });
  });

  test('closes the room when the playlist is deleted', async () => {
    const closed = nextEvent<Envelope>(adaClient.socket, 'PLAYLIST_MODIFIED', (e) => e.subCode === 'ROOM_CLOSED');
    const { data: p } = await body(await ada.http(c.a, 'GET', `/api/v1/playco/playlists/${playlistId}`));
    await ada.http(c.a, 'DELETE', `/api/v1/playco/playlists/${playlistId}`, undefined, {
      'if-match': `"${p.version}"`,
    });
    expect(await closed).toMatchObject({ code: 204, subCode: 'ROOM_CLOSED' });
  });
});

describe('a playlist its owner makes private, on /playco_ws', () => {
  test('takes the other members’ sockets out of it: they hear nothing more of it', async ({ playcoWorld: c }) => {
    const owner = await c.user('cyd');
    const guest = await c.user('dee');
    const { data: playlist } = await body(
      await owner.http(c.a, 'POST', '/api/v1/playco/playlists', { name: 'Ours', publicReadable: true }),
    );
    const ownerClient = await legacyClient(owner, c.a);
    const guestClient = await legacyClient(guest, c.a);
    for (const client of [ownerClient, guestClient]) {
      await client.send('playcoConnect');
      expect((await client.send('playlist_enter', { playlist_id: playlist.id })).subCode).toBe('USER_JOINED');
    }

    const guestHeard = received<Envelope>(guestClient.socket, 'PLAYLIST_MODIFIED');
    const exited = nextEvent<Envelope>(ownerClient.socket, 'PLAYLIST_USER_EXITED');
    const modified = nextEvent<Envelope>(
      ownerClient.socket,
      'PLAYLIST_MODIFIED',
      (e) => e.subCode === 'PLAYLIST_MODIFIED',
    );
    const path = `/api/v1/playco/playlists/${playlist.id}`;
    const hidden = await owner.http(c.a, 'PATCH', path, { publicReadable: false }, { 'if-match': '"0"' });
    expect(hidden.status).toBe(200);
    expect((await exited).data.session_name).toBe('dee#1');
    expect((await modified).data.playlist.publicReadable).toBe(false);
    await pause(300);
    expect(guestHeard).toEqual([]);
  });
});
