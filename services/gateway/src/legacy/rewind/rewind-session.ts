import { randomUUID } from 'node:crypto';
import {
  acceptFriendRequestFrom,
  deleteMessage,
  editMessage,
  getUsers,
  listFriendRequests,
  listFriends,
  listMessages,
  type RequestContract,
  type RequestOf,
  removeFriendNamed,
  resolveRewindChat,
  rewindClientFrames,
  sendFriendRequest,
  sendMessage,
  withdrawFriendRequestWith,
} from '@seed/contracts';
import { AppError, type Caller, type Logger, type NatsConnection, request, toErrorBody } from '@seed/runtime';
import type { z } from 'zod';
import type { TokenVerifier } from '../../auth/index.ts';
import { tokenExpiresAt } from '../../auth/index.ts';
import type { RewindConnections, RewindPeer } from './rewind-connections.ts';
import { chatFrame, errorFrame, type Frame, idBeforeTime, okFrame, rewindFriend, rewindUser } from './rewind-frames.ts';

export interface RewindSessionDeps {
  nc: NatsConnection;
  verifier: TokenVerifier;
  connections: RewindConnections;
  logger: Logger;
}

type FrameType = keyof typeof rewindClientFrames;
type Payload<T extends FrameType> = z.output<(typeof rewindClientFrames)[T]['payload']>;
const bad = (reason: string) => new AppError('validation_failed', reason);
const isFrameType = (type: string): type is FrameType => Object.hasOwn(rewindClientFrames, type);

/** The first thing wrong with a payload, e.g. `payload.chat_id: Invalid input`. */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${['payload', ...(issue?.path ?? []).map(String)].join('.')}: ${issue?.message ?? 'invalid'}`;
}

/**
 * One REWIND connection after its first heartbeat: `auth`, then `chat`, `load` and `mutual_users`,
 * each turned into chat's contracts as the signed-in user. Changes come back as chat's events (rewind-events.ts).
 */
export function createRewindSession(peer: RewindPeer, deps: RewindSessionDeps) {
  const { nc, connections } = deps;
  let caller: Caller | undefined;
  let expiresAt: number | undefined;

  function call<C extends RequestContract>(contract: C, input: RequestOf<C>) {
    if (!caller) throw new AppError('unauthenticated', 'send auth first');
    if (expiresAt !== undefined && Date.now() >= expiresAt)
      throw new AppError('token_expired', 'the access token expired: send auth with a fresh one');
    return request(nc, contract, input, { context: { requestId: randomUUID(), caller } });
  }

  /** Friends as REWIND users, each with the `chat_id` of their DM. */
  async function mutualUsers(userId: string) {
    return (await call(listFriends, {})).map((f) => rewindFriend(userId, f));
  }

  async function auth(p: Payload<'auth'>) {
    const token = p.auth.replace(/^Bearer\s+/i, '');
    const verified = await deps.verifier.verify(token);
    if (caller && caller.userId !== verified.userId)
      throw new AppError('forbidden', 'already signed in as another user');
    connections.add(verified.userId, verified.sessionId, peer);
    caller = verified;
    expiresAt = tokenExpiresAt(token);
    const [self, requests, friends] = await Promise.all([
      request(nc, getUsers, { ids: [verified.userId] }),
      call(listFriendRequests, {}),
      mutualUsers(verified.userId),
    ]);
    const me = self.users[0];
    if (!me) throw new AppError('unauthenticated', 'the account is gone');
    peer.send({
      type: 'auth',
      payload: {
        self_user: rewindUser(me),
        // The app `json.decode`s both lists: they travel as JSON text.
        mutual_requests: JSON.stringify(requests.incoming.map((r) => rewindUser(r.from))),
        mutual_users: JSON.stringify(friends),
      },
    });
  }

  /** The room a `chat_id` names for the caller (a DM's is the XOR of the two ids), and its own `chat_id`. */
  const roomOf = (chatId: string) => call(resolveRewindChat, { chatId });

  async function chat(p: Payload<'chat'>) {
    const { content } = p;
    // REWIND ignores an empty send.
    if (p.type === 'send' && content.trim() === '') return;
    const { roomId } = await roomOf(p.chat_id);
    if (p.type === 'send') {
      await call(sendMessage, { roomId, clientMsgId: randomUUID(), kind: 'text', text: content });
      return;
    }
    const messageId = p.id;
    if (content.trim() === '') await call(deleteMessage, { roomId, messageId });
    else await call(editMessage, { roomId, messageId, text: content });
  }

  async function load(p: Payload<'load'>) {
    if (p.type === 'mutual_users') {
      if (!caller) throw new AppError('unauthenticated', 'send auth first');
      peer.send({ type: 'mutual_users', payload: await mutualUsers(caller.userId) });
      return;
    }
    const { count } = p;
    let before: string | undefined;
    if (p.datetime) {
      before = idBeforeTime(p.datetime);
      if (before === undefined) throw bad('payload.datetime is base64 of "%Y-%m-%d %H:%M:%S.%f"');
    }
    const { roomId, chatId } = await roomOf(p.load_id);
    if (before === '0') return;
    const page = await call(listMessages, { roomId, limit: count, ...(before ? { before } : {}) });
    // Oldest first: the app puts each message it gets below the ones it has.
    for (const m of page.data.toReversed())
      if (!m.deletedAt && m.kind !== 'system') peer.send(chatFrame('send', m, chatId));
  }

  async function mutual(p: Payload<'mutual_users'>) {
    const nickname = p.name;
    switch (p.type) {
      case 'request':
        await call(sendFriendRequest, { nickname });
        return;
      case 'response':
        await call(acceptFriendRequestFrom, { nickname });
        return;
      case 'remove':
        await call(withdrawFriendRequestWith, { nickname });
        return;
      case 'delete':
        await call(removeFriendNamed, { nickname });
        return;
    }
  }

  const handlers: { [T in FrameType]: (p: Payload<T>) => Promise<void> } = { auth, chat, load, mutual_users: mutual };

  async function serve<T extends FrameType>(type: T, payload: unknown): Promise<void> {
    const parsed = rewindClientFrames[type].payload.safeParse(payload);
    if (!parsed.success) throw bad(problemOf(parsed.error));
    await (handlers[type] as (p: Payload<T>) => Promise<void>)(parsed.data as Payload<T>);
  }

  return {
    /** Handles one frame after the first heartbeat; failures become `error` frames. */
    async handle(frame: Frame): Promise<void> {
      try {
        if (!isFrameType(frame.type))
          throw new AppError('unknown_event', `unknown frame type "${String(frame.type).slice(0, 50)}"`);
        await serve(frame.type, frame.payload);
        if (frame.type === 'chat' || frame.type === 'mutual_users') peer.send(okFrame());
      } catch (err) {
        const body = toErrorBody(err);
        if (body.code === 'internal') deps.logger.error({ err, type: frame.type }, 'rewind frame failed');
        peer.send(errorFrame(body.code, body.message));
      }
    },
    close() {
      if (caller) connections.remove(caller.userId, peer);
    },
  };
}
