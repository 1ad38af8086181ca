import { socketRooms } from '@seed/contracts';
import { deliverToSockets, publishEvent } from '@seed/runtime';
import { describe, eventually, expect, newId, pause, received, type TestSocket } from '@seed/testkit';
import { type Cluster, test } from './support/fixtures.ts';

interface Note {
  from: string;
  text: string;
}

/** Longer than a held answer, so what was going to change has changed. */
const SETTLE_MS = 800;

test.override(
  'socketOptions',
  { scope: 'file' },
  { sockets: { roomSync: { retryDelaysMs: [50, 50] } }, absentRoomsSource: true },
);

describe('socket rooms kept by services', () => {
  let cluster: Cluster;
  const sender = newId();

  test.beforeAll(({ cluster: started }) => {
    cluster = started;
  });

  const connect = async (userId: string, on: 'a' | 'b' = 'b') =>
    cluster.connect(cluster[on].url, { token: await cluster.auth.sign(userId) });

  /** Delivers a fresh note to each room; answers which of them reached `socket`. */
  async function reachedRooms(socket: TestSocket, rooms: string[]): Promise<string[]> {
    const notes = received<Note>(socket, 'test:note:received');
    const probes = rooms.map((room) => ({ room, text: `probe ${newId()}` }));
    for (const { room, text } of probes)
      deliverToSockets(cluster.nc, cluster.contracts.noteReceived, { rooms: [room] }, { from: sender, text });
    await pause(300);
    return probes.filter((p) => notes.some((n) => n.text === p.text)).map((p) => p.room);
  }

  test('puts a connecting socket in the rooms its services keep for its user, on either replica', async () => {
    const dave = newId();
    const [kept, other] = [`room:${newId()}`, `room:${newId()}`];
    cluster.service.keepRooms(dave, [kept]);
    const [onA, onB] = [await connect(dave, 'a'), await connect(dave, 'b')];
    await eventually(async () => expect(await reachedRooms(onA, [kept, other])).toEqual([kept]));
    await eventually(async () => expect(await reachedRooms(onB, [kept, other])).toEqual([kept]));
  });

  test('keeps a change made while the socket’s rooms were on their way, whichever order they arrive in', async () => {
    const erin = newId();
    const [left, joined, kept] = [`room:${newId()}`, `room:${newId()}`, `room:${newId()}`];
    // Read before the changes below, answered after them.
    cluster.service.keepRooms(erin, [left, kept], 400);
    const socket = await connect(erin);
    publishEvent(cluster.nc, socketRooms, { users: [erin], namespace: '/', leave: [left], join: [joined] });
    await pause(SETTLE_MS);
    expect((await reachedRooms(socket, [left, joined, kept])).sort()).toEqual([joined, kept].sort());
  });

  test('tells a socket whose rooms a service could not give, and still joins the others’', async () => {
    const fay = newId();
    const kept = `room:${newId()}`;
    cluster.service.keepRooms(fay, [kept]);
    const socket = await connect(fay);
    const errors = received<{ code: string; details: { sources: string[] } }>(socket, 'error');
    await eventually(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({
      code: 'service_unavailable',
      details: { sources: [cluster.contracts.absentRooms.subject] },
    });
    expect(await reachedRooms(socket, [kept])).toEqual([kept]);
    expect(socket.connected).toBe(true);
  });
});
