import { sessionRevoked, socketDeliver, socketRooms } from '@seed/contracts';
import { deliverToSockets, publishEvent } from '@seed/runtime';
import { describe, eventually, expect, newId, pause, received, type TestSocket } from '@seed/testkit';
import { type Cluster, test } from './support/fixtures.ts';

interface Note {
  from: string;
  text: string;
}

/** Long enough for a duplicate that was going to arrive to have arrived. */
const SETTLE_MS = 500;

describe('socket deliveries across gateway replicas', () => {
  let cluster: Cluster;
  const [alice, bob, carol] = [newId(), newId(), newId()];
  let aliceOnA: TestSocket;
  let bobOnB: TestSocket;
  let bobOnA: TestSocket;
  let carolOnB: TestSocket;

  test.beforeAll(async ({ cluster: started }) => {
    cluster = started;
    const sign = cluster.auth.sign;
    [aliceOnA, bobOnB, bobOnA, carolOnB] = await Promise.all([
      cluster.connect(cluster.a.url, { token: await sign(alice) }),
      cluster.connect(cluster.b.url, { token: await sign(bob) }),
      cluster.connect(cluster.a.url, { token: await sign(bob) }),
      cluster.connect(cluster.b.url, { token: await sign(carol) }),
    ]);
  });

  test('brings what a service sends to a user to each of that user’s sockets exactly once, on any replica', async () => {
    const notes = [aliceOnA, bobOnB, bobOnA, carolOnB].map((s) => received<Note>(s, 'test:note:received'));
    const ack = await aliceOnA.timeout(10_000).emitWithAck('test:note:send', { to: [bob], text: 'hi bob' });
    expect(ack).toEqual({ ok: true, data: { sent: true } });

    const [toAlice, toBobOnB, toBobOnA, toCarol] = notes;
    await eventually(() => expect([toBobOnB?.length, toBobOnA?.length]).toEqual([1, 1]));
    await pause(SETTLE_MS);
    expect(toBobOnB).toEqual([{ from: alice, text: 'hi bob' }]);
    expect(toBobOnA).toEqual([{ from: alice, text: 'hi bob' }]);
    expect(toAlice).toEqual([]);
    expect(toCarol).toEqual([]);
  });

  test('reaches each socket once however many deliveries the replicas share', async () => {
    const toBob = received<Note>(bobOnB, 'test:note:received');
    for (let i = 0; i < 20; i++)
      deliverToSockets(cluster.nc, cluster.contracts.noteReceived, { users: [bob] }, { from: alice, text: `${i}` });
    await eventually(() => expect(toBob).toHaveLength(20));
    await pause(SETTLE_MS);
    expect(toBob.map((n) => n.text).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `${i}`).sort());
  });

  test('makes users’ sockets join a room on every replica and delivers to the room, leaving out the sender', async () => {
    const room = `room:${newId()}`;
    const sockets = [aliceOnA, bobOnB, bobOnA, carolOnB];
    const notes = sockets.map((s) => received<Note>(s, 'test:note:received'));
    const got = (text: string) => notes.map((n) => n.filter((note) => note.text === text).length);
    /** Delivers a fresh probe to the room until `ready` holds for who got it. */
    const probeUntil = (ready: (counts: number[]) => boolean) =>
      eventually(async () => {
        const probe = `probe ${newId()}`;
        deliverToSockets(cluster.nc, cluster.contracts.noteReceived, { rooms: [room] }, { from: carol, text: probe });
        await pause(100);
        expect(ready(got(probe))).toBe(true);
      });

    publishEvent(cluster.nc, socketRooms, { users: [alice, bob], namespace: '/', join: [room] });
    await probeUntil(([toAlice, toBobOnB, toBobOnA]) => toAlice === 1 && toBobOnB === 1 && toBobOnA === 1);

    await aliceOnA.timeout(10_000).emitWithAck('test:note:send', { room, text: 'to the room' });
    await eventually(() => expect(got('to the room')).toEqual([0, 1, 1, 0]));
    await pause(SETTLE_MS);
    expect(got('to the room')).toEqual([0, 1, 1, 0]);

    publishEvent(cluster.nc, socketRooms, { users: [bob], namespace: '/', leave: [room] });
    await probeUntil((counts) => counts.join() === '1,0,0,0');
  });

  test('drops a delivery of an event no socket event contract declares, or one that breaks its contract', async () => {
    const events: unknown[] = [];
    bobOnB.onAny((event, data) => events.push([event, data]));
    publishEvent(cluster.nc, socketDeliver, {
      target: { users: [bob] },
      namespace: '/',
      event: 'test:undeclared',
      data: { secret: true },
    });
    publishEvent(cluster.nc, socketDeliver, {
      target: { users: [bob] },
      namespace: '/',
      event: 'test:note:received',
      data: { from: 'not an id', text: 1 },
    });
    publishEvent(cluster.nc, socketDeliver, {
      target: { users: [bob] },
      namespace: '/elsewhere',
      event: 'test:note:received',
      data: { from: alice, text: 'wrong namespace' },
    });
    deliverToSockets(cluster.nc, cluster.contracts.noteReceived, { users: [bob] }, { from: alice, text: 'valid' });
    await eventually(() => expect(events).toHaveLength(1));
    await pause(SETTLE_MS);
    expect(events).toEqual([['test:note:received', { from: alice, text: 'valid' }]]);
    // A delivery never opens a namespace nobody guards.
    const refused = await cluster
      .connect(`${cluster.a.url}/elsewhere`, { token: await cluster.auth.sign(bob) })
      .catch((e) => e);
    expect(refused.message).toBe('Invalid namespace');
  });
});

describe('revoked sessions', () => {
  let cluster: Cluster;
  test.beforeAll(({ cluster: started }) => {
    cluster = started;
  });

  test('disconnects the sockets of a revoked session on every replica, and only those', async () => {
    const [frank, revoked, kept] = [newId(), newId(), newId()];
    const revokedToken = await cluster.auth.sign(frank, { sessionId: revoked });
    const sockets = await Promise.all([
      cluster.connect(cluster.a.url, { token: revokedToken }),
      cluster.connect(cluster.b.url, { token: revokedToken }),
      cluster.connect(cluster.b.url, { token: await cluster.auth.sign(frank, { sessionId: kept }) }),
    ]);
    const reasons = sockets.map((s) => new Promise<string>((resolve) => s.once('disconnect', resolve)));
    publishEvent(cluster.nc, sessionRevoked, { userId: frank, sessionId: revoked, reason: 'logout' });

    expect(await Promise.all(reasons.slice(0, 2))).toEqual(['io server disconnect', 'io server disconnect']);
    await pause(SETTLE_MS);
    expect(sockets.map((s) => s.connected)).toEqual([false, false, true]);
  });
});
