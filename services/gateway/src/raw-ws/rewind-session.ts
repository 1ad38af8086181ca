import { randomUUID } from 'node:crypto';
import {
  acceptFriendRequest,
  cancelFriendRequest,
  declineFriendRequest,
  deleteMessage,
  editMessage,
  getUsers,
  listFriendRequests,
  listFriends,
  listMessages,
  openDirectRoom,
  type RequestContract,
  type RequestOf,
  removeFriend,
  sendFriendRequest,
  sendMessage,
} from '@seed/contracts';
import { AppError, type Caller, isAppError, type Logger, type NatsConnection, request } from '@seed/runtime';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import type { RewindConnections, RewindPeer } from './rewind-connections.ts';
import { chatFrame, errorFrame, type Frame, idBeforeTime, okFrame, rewindUser } from './rewind-frames.ts';

export interface RewindSessionDeps {
  nc: NatsConnection;
  verifier: TokenVerifier;
  connections: RewindConnections;
  logger: Logger;
}

type Payload = Record<string, unknown>;
const bad = (reason: string) => new AppError('validation_failed', reason);
const text = (p: Payload, field: string): string => {
  const v = p[field];
  if (typeof v !== 'string' && typeof v !== 'number') throw bad(`payload.${field} is required`);
  return String(v);
};

/**
 * One REWIND connection after its first heartbeat: `auth`, then `chat`, `load` and `mutual_users`,
 * each turned into chat's contracts as the signed-in user. Changes come back through the relay.
 */
export function createRewindSession(peer: RewindPeer, deps: RewindSessionDeps) {
  const { nc, connections } = deps;
  let caller: Caller | undefined;

  function call<C extends RequestContract>(contract: C, input: RequestOf<C>) {
    if (!caller) throw new AppError('unauthenticated', 'send auth first');
    return request(nc, contract, input, { context: { requestId: randomUUID(), caller } });
  }

  /** Friends as REWIND users, each with the id of the direct room (`chat_id`) with them. */
  async function mutualUsers() {
    const friends = await call(listFriends, {});
    return Promise.all(friends.map(async (f) => rewindUser(f, (await call(openDirectRoom, { userId: f.id })).id)));
  }

  async function auth(p: Payload) {
    const token = text(p, 'auth').replace(/^Bearer\s+/i, '');
    const verified = await deps.verifier.verify(token);
    if (caller && caller.userId !== verified.userId)
      throw new AppError('forbidden', 'already signed in as another user');
    if (!caller) connections.add(verified.userId, peer);
    caller = verified;
    const [self, requests, friends] = await Promise.all([
      request(nc, getUsers, { ids: [verified.userId] }),
      call(listFriendRequests, {}),
      mutualUsers(),
    ]);
    const me = self.users[0];
    if (!me) throw new AppError('unauthenticated', 'the account is gone');
    peer.send({
      type: 'auth',
      payload: {
        self_user: rewindUser(me),
        mutual_requests: requests.incoming.map((r) => rewindUser(r.from)),
        mutual_users: friends,
      },
    });
  }

  async function chat(p: Payload) {
    const roomId = text(p, 'chat_id');
    const content = typeof p.content === 'string' ? p.content : '';
    if (p.type === 'send') {
      // The seed ignores an empty send.
      if (content.trim() === '') return;
      await call(sendMessage, { roomId, clientMsgId: randomUUID(), kind: 'text', text: content });
    } else if (p.type === 'edit') {
      const messageId = text(p, 'id');
      if (content.trim() === '') await call(deleteMessage, { roomId, messageId });
      else await call(editMessage, { roomId, messageId, text: content });
    } else {
      throw bad('payload.type is send or edit');
    }
  }

  async function load(p: Payload) {
    if (p.type === 'mutual_users') {
      peer.send({ type: 'load', payload: { type: 'mutual_users', users: await mutualUsers() } });
      return;
    }
    if (p.type !== 'chat') throw bad('payload.type is chat or mutual_users');
    const roomId = text(p, 'load_id');
    let before: string | undefined;
    if (p.datetime !== undefined && p.datetime !== null && p.datetime !== '') {
      before = idBeforeTime(String(p.datetime));
      if (before === undefined) throw bad('payload.datetime is base64 of "%Y-%m-%d %H:%M:%S.%f"');
    }
    const count = p.count === undefined ? 50 : Number(p.count);
    if (!Number.isInteger(count) || count < 1 || count > 100) throw bad('payload.count is 1 to 100');
    if (before === '0') return;
    const page = await call(listMessages, { roomId, limit: count, ...(before ? { before } : {}) });
    for (const m of page.data) if (!m.deletedAt && m.kind !== 'system') peer.send(chatFrame('send', m));
  }

  async function mutual(p: Payload) {
    const name = text(p, 'name');
    const sameName = (n: string) => n.toLowerCase() === name.toLowerCase();
    switch (p.type) {
      case 'request':
        await call(sendFriendRequest, { nickname: name });
        return;
      case 'response': {
        const { incoming } = await call(listFriendRequests, {});
        const found = incoming.find((r) => sameName(r.from.nickname));
        if (!found) throw new AppError('friend_request_not_found', `no request from ${name}`);
        await call(acceptFriendRequest, { requestId: found.id });
        return;
      }
      case 'remove': {
        const { incoming, outgoing } = await call(listFriendRequests, {});
        const mine = outgoing.find((r) => sameName(r.to.nickname));
        const theirs = incoming.find((r) => sameName(r.from.nickname));
        if (mine) await call(cancelFriendRequest, { requestId: mine.id });
        else if (theirs) await call(declineFriendRequest, { requestId: theirs.id });
        else throw new AppError('friend_request_not_found', `no request with ${name}`);
        return;
      }
      case 'delete': {
        const friend = (await call(listFriends, {})).find((f) => sameName(f.nickname));
        if (!friend) throw new AppError('user_not_found', `${name} is not a friend`);
        await call(removeFriend, { userId: friend.id });
        return;
      }
      default:
        throw bad('payload.type is request, response, remove or delete');
    }
  }

  const handlers: Record<string, (p: Payload) => Promise<void>> = { auth, chat, load, mutual_users: mutual };

  return {
    /** Handles one frame after the first heartbeat; failures become `error` frames. */
    async handle(frame: Frame): Promise<void> {
      const handler = handlers[frame.type];
      try {
        if (!handler) throw new AppError('unknown_event', `unknown frame type "${String(frame.type).slice(0, 50)}"`);
        const payload = frame.payload;
        if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
          throw bad('payload must be a JSON object');
        await handler(payload as Payload);
        if (frame.type === 'chat' || frame.type === 'mutual_users') peer.send(okFrame());
      } catch (err) {
        if (!isAppError(err)) deps.logger.error({ err, type: frame.type }, 'rewind frame failed');
        const body = isAppError(err) ? err.toBody() : { code: 'internal', message: 'internal error' };
        peer.send(errorFrame(body.code, body.message));
      }
    },
    close() {
      if (caller) connections.remove(caller.userId, peer);
    },
  };
}
