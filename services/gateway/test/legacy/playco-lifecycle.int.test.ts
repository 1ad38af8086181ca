import { randomBytes } from 'node:crypto';
import { connectTestSocket, describe, expect, nextEvent, type TestGateway } from '@seed/testkit';
import { LEGACY_TEST_ENV, type LegacyWorld, type TestUser, test } from './support/fixtures.ts';

test.override(
  'serviceEnv',
  { scope: 'file' },
  {
    playco: { ...LEGACY_TEST_ENV.playco, PLAYCO_SIO_TOKEN_TTL_MS: '1500' },
  },
);

interface Envelope {
  code: number;
  subCode: string;
  // biome-ignore lint/suspicious/noExplicitAny: asserted by each test
  data?: any;
}
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted by each test
const body = (res: Response): Promise<any> => res.json();

/** Connects to `/playco_ws`, gets a token and opens a session; returns a sender of legacy events. */
async function legacySession(user: TestUser, baseUrl: string, gateway: TestGateway) {
  const socket = await connectTestSocket(baseUrl, { namespace: '/playco_ws' });
  const csrf = randomBytes(16).toString('hex');
  const auth = async () => {
    const res = await user.http(gateway, 'POST', '/api/v1/playco/socketio/auth', {
      sid: socket.id,
      sio_csrf_token: csrf,
    });
    return (await body(res)).data.sio_token.token as string;
  };
  let token = await auth();
  const send = (event: string, fields: Record<string, unknown> = {}) => {
    const requestId = randomBytes(6).toString('hex');
    const reply = nextEvent<Envelope>(socket, `REQUEST_RESPONSE_${requestId}`);
    socket.emit(event, { sio_token: token, sio_csrf_token: csrf, request_id: requestId, ...fields });
    return reply;
  };
  const reauth = async () => {
    token = await auth();
  };
  return { socket, send, reauth };
}

describe('legacy sessions that end without a goodbye', () => {
  let c: LegacyWorld;
  let ada: TestUser;
  let bob: TestUser;
  let playlistId: string;
  test.beforeAll(async ({ playcoWorld }) => {
    c = playcoWorld;
    ada = await c.user('ada');
    bob = await c.user('bob');
    const created = await ada.http(c.a, 'POST', '/api/v1/playco/playlists', { name: 'Open', publicReadable: true });
    playlistId = (await body(created)).data.id;
    await ada.http(
      c.a,
      'POST',
      `/api/v1/playco/playlists/${playlistId}/items`,
      { url: 'https://youtu.be/lifecycle01' },
      { 'if-match': '"0"' },
    );
  });
  test('refuses an expired Socket.IO token with SIO_TOKEN_EXPIRED', async () => {
    const session = await legacySession(ada, c.a.url, c.a);
    expect((await session.send('playcoConnect')).subCode).toBe('SESSION_CREATED');
    await new Promise((r) => setTimeout(r, 1_700));
    expect(await session.send('playlist_enter', { playlist_id: playlistId })).toMatchObject({
      code: 400,
      subCode: 'SIO_TOKEN_EXPIRED',
    });
    session.socket.close();
  });

  test('removes the members of a gateway replica that died, and tells the others', async () => {
    const watcher = await legacySession(ada, c.a.url, c.a);
    await watcher.send('playcoConnect');
    expect((await watcher.send('playlist_enter', { playlist_id: playlistId })).subCode).toBe('USER_JOINED');

    const doomed = await c.startGatewayProcess('doomed');
    const victim = await legacySession(bob, doomed.url, c.a);
    const entered = nextEvent<Envelope>(
      watcher.socket,
      'PLAYLIST_USER_ENTERED',
      (e) => e.data.session_name === 'bob#1',
    );
    expect((await victim.send('playcoConnect')).subCode).toBe('SESSION_CREATED');
    expect((await victim.send('playlist_enter', { playlist_id: playlistId })).subCode).toBe('USER_JOINED');
    expect((await entered).data.session_name).toBe('bob#1');

    // Sessions outlive their TTL while their replica keeps refreshing them.
    await new Promise((r) => setTimeout(r, 2_500));
    await victim.reauth();
    const still = await victim.send('playlist_set_status', { playlist_id: playlistId, currently_playing: 0 });
    expect(Object.keys(still.data.room.participants)).toEqual(['ada#1', 'bob#1']);

    const exited = nextEvent<Envelope>(watcher.socket, 'PLAYLIST_USER_EXITED', () => true, 15_000);
    await doomed.kill();
    const event = await exited;
    expect(event.data.session_name).toBe('bob#1');
    expect(Object.keys(event.data.room.participants)).toEqual(['ada#1']);
  });
});
