import {
  defineRequest,
  defineSocketEvent,
  defineSocketRoomsSource,
  Id,
  isSocketRoomsSource,
  type Registry,
  registry,
} from '@seed/contracts';
import { AppError, createServiceHost, deliverToSockets, type Logger, type NatsConnection } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { z } from 'zod';

/**
 * Contracts of a service that exists only in these tests, under subjects no other test uses. The
 * product's socket room sources are left out (no chat runs here); the test service is one, and
 * `absentRoomsSource` adds one nobody serves.
 */
export function testContracts(opts: { absentRoomsSource?: boolean } = {}) {
  const prefix = uniqueName('sockettest');
  const rooms = defineSocketRoomsSource(prefix);
  const absentRooms = defineSocketRoomsSource(`${prefix}-absent`);
  const echo = defineRequest({
    subject: `${prefix}.echo.send`,
    access: 'user',
    request: z.object({ text: z.string().min(1).max(100) }),
    reply: z.object({ text: z.string(), userId: Id }),
    errors: ['forbidden'],
    socket: { event: 'test:echo:send' },
  });
  const noteReceived = defineSocketEvent({
    event: 'test:note:received',
    payload: z.object({ from: Id, text: z.string() }),
  });
  const sendNote = defineRequest({
    subject: `${prefix}.note.send`,
    access: 'user',
    request: z.object({ to: z.array(Id).optional(), room: z.string().optional(), text: z.string().min(1) }),
    reply: z.object({ sent: z.boolean() }),
    socket: { event: 'test:note:send' },
  });
  const testRegistry: Registry = {
    ...registry,
    requests: [
      ...registry.requests.filter((c) => !isSocketRoomsSource(c)),
      echo,
      sendNote,
      rooms,
      ...(opts.absentRoomsSource ? [absentRooms] : []),
    ],
    socketEvents: [...registry.socketEvents, noteReceived],
  };
  return { prefix, echo, sendNote, noteReceived, rooms, absentRooms, registry: testRegistry };
}
export type TestContracts = ReturnType<typeof testContracts>;

/**
 * Serves the test contracts: echo answers; a note is delivered to users' or a room's sockets; a
 * user's socket rooms are what `keepRooms` last said (none by default), answered after its delay.
 */
export async function serveSocketContracts(nc: NatsConnection, contracts: TestContracts, logger: Logger) {
  const host = await createServiceHost(nc, { name: contracts.prefix, version: '0.0.1', logger });
  const kept = new Map<string, { rooms: string[]; delayMs: number }>();
  host.serve(contracts.rooms, async ({ userId }) => {
    const { rooms, delayMs } = kept.get(userId) ?? { rooms: [], delayMs: 0 };
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { rooms };
  });
  host.serve(contracts.echo, ({ text }, ctx) => {
    if (text === 'forbidden') throw new AppError('forbidden', 'not for you');
    return { text, userId: ctx.caller.userId };
  });
  host.serve(contracts.sendNote, ({ to, room, text }, ctx) => {
    deliverToSockets(
      nc,
      contracts.noteReceived,
      { ...(to ? { users: to } : {}), ...(room ? { rooms: [room], exceptUsers: [ctx.caller.userId] } : {}) },
      { from: ctx.caller.userId, text },
    );
    return { sent: true };
  });
  return {
    stop: () => host.stop(),
    keepRooms(userId: string, rooms: string[], delayMs = 0) {
      kept.set(userId, { rooms, delayMs });
    },
  };
}
