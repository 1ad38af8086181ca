import { createPresenceReader, type PresenceReader } from '@seed/runtime';
import { describe, eventually, expect, type FakeAuth, newId, test } from '@seed/testkit';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

/** A legacy client on `/rooms` alone (no socket on `/`). */
function connectLegacyRooms(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/rooms`, {
    path: '/api/v1/ws',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token, nickname: 'oldtimer' },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** A REWIND client on `/ws` that has sent its first heartbeat and signed in. */
async function signInRewind(url: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'heartbeat', payload: null }));
  ws.send(JSON.stringify({ type: 'auth', payload: { auth: `Bearer ${token}` } }));
  return ws;
}

describe('presence of the legacy protocols', () => {
  let cluster: { a: { url: string }; b: { url: string }; auth: Pick<FakeAuth, 'sign'> };
  let presence: PresenceReader;
  const open: { close(): void }[] = [];
  test.beforeAll(({ gateways, fakeAuth, redis }) => {
    cluster = { a: gateways.a, b: gateways.b, auth: fakeAuth };
    presence = createPresenceReader(redis);
  });
  test.afterAll(async () => {
    for (const c of open) c.close();
  });

  test('shows a user connected only on the legacy rooms namespace online, and offline once they leave', async () => {
    const user = newId();
    const socket = await connectLegacyRooms(cluster.a.url, await cluster.auth.sign(user));
    open.push(socket);
    await eventually(async () => expect(await presence.onlineUsers([user])).toEqual(new Set([user])));

    socket.close();
    await eventually(async () => expect(await presence.onlineUsers([user])).toEqual(new Set()));
  });

  test('does not count a legacy rooms connection whose handshake was refused', async () => {
    const user = newId();
    const expired = await cluster.auth.sign(user, { expiresInSec: -60 });
    await expect(connectLegacyRooms(cluster.b.url, expired)).rejects.toThrow('E01');
    expect(await presence.onlineUsers([user])).toEqual(new Set());
  });

  test('shows a user signed in only over the raw WebSocket online, and offline once it closes', async () => {
    const user = newId();
    const ws = await signInRewind(cluster.b.url, await cluster.auth.sign(user));
    open.push(ws);
    await eventually(async () => expect(await presence.onlineUsers([user])).toEqual(new Set([user])));

    ws.close();
    await eventually(async () => expect(await presence.onlineUsers([user])).toEqual(new Set()));
  });

  test('does not count a raw WebSocket connection whose sign-in was refused', async () => {
    const user = newId();
    const ws = new WebSocket(`${cluster.a.url.replace(/^http/, 'ws')}/ws`);
    open.push(ws);
    const frames: { type: string; payload: { code?: string } }[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'heartbeat', payload: null }));
    const expired = await cluster.auth.sign(user, { expiresInSec: -60 });
    ws.send(JSON.stringify({ type: 'auth', payload: { auth: expired } }));
    await eventually(() =>
      // `4000`: the app is to sign in again.
      expect(frames.filter((f) => f.type === 'error').map((f) => f.payload.code)).toEqual(['4000']),
    );
    expect(await presence.onlineUsers([user])).toEqual(new Set());
  });
});
