import { defineRequest, defineSocketEvent, Id, type Registry, registry } from '@seed/contracts';
import { AppError, createServiceHost, deliverToSockets, type Logger, type NatsConnection } from '@seed/runtime';
import { uniqueName } from '@seed/runtime/testing';
import { z } from 'zod';

/** Contracts of a service that exists only in these tests, under subjects no other test uses. */
export function testContracts() {
  const prefix = uniqueName('sockettest');
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
    requests: [...registry.requests, echo, sendNote],
    socketEvents: [...registry.socketEvents, noteReceived],
  };
  return { prefix, echo, sendNote, noteReceived, registry: testRegistry };
}
export type TestContracts = ReturnType<typeof testContracts>;

/** Serves the test contracts: echo answers; a note is delivered to users' or a room's sockets. */
export async function startTestService(nc: NatsConnection, contracts: TestContracts, logger: Logger) {
  const host = await createServiceHost(nc, { name: contracts.prefix, version: '0.0.1', logger });
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
  return host;
}
