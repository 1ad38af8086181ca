import {
  findUser,
  getJwks,
  getUsers,
  invalidateDevices,
  listDevices,
  type PublicUser,
  type ReplyOf,
  type RequestContract,
  type RequestOf,
} from '@seed/contracts';
import { createServiceHost, type Logger, type NatsConnection } from '@seed/runtime';
import { callAs } from './calls.ts';
import { newId } from './ids.ts';
import { createTestTokens, type TestTokens } from './tokens.ts';

/** A user auth knows; `call` speaks for them over NATS, as the gateway forwards their requests. */
export interface KnownUser extends PublicUser {
  call<C extends RequestContract>(contract: C, input: RequestOf<C>): Promise<ReplyOf<C>>;
}

/** A known user, signed in: `token` is an access token of session `sessionId`. */
export interface TestUser extends KnownUser {
  sessionId: string;
  token: string;
  /** An HTTP request to a gateway with the user's token (a JSON body when one is given). */
  http(
    gateway: { url: string },
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export interface SignOptions {
  sessionId?: string;
  /** Negative for a token that expired that long ago. */
  expiresInSec?: number;
}

export interface FakeAuth {
  /** The signing keys: tokens with any claims (forgeries too), key rotation. */
  tokens: TestTokens;
  /** How often the JWKS was asked for. */
  jwksFetches(): number;
  /** A new user known to auth's look-ups, with an access token. */
  user(nickname?: string, opts?: SignOptions): Promise<TestUser>;
  /** A new user known to auth's look-ups. */
  knownUser(nickname: string): KnownUser;
  /** Users auth's look-ups answer (`auth.user.get`, `auth.user.find`). */
  addUsers(...users: PublicUser[]): void;
  /** An access token for `userId`. */
  sign(userId: string, opts?: SignOptions): Promise<string>;
  /** A push device of `userId`, as `auth.device.list` answers it. */
  registerDevice(userId: string, token: string): void;
  /** Device tokens the worker reported dead (`auth.device.invalidate`). */
  invalidatedDevices: string[];
  stop(): Promise<void>;
}

let nicknames = 0;

/**
 * Stands in for the auth service on a test's NATS: its JWKS (keys that sign test tokens), its user
 * and device look-ups from lists. Ask for this or for the real `auth`, never both.
 */
export async function startFakeAuth(nc: NatsConnection, logger: Logger): Promise<FakeAuth> {
  const tokens = await createTestTokens({ logger });
  const users = new Map<string, PublicUser>();
  const devices: { userId: string; token: string; platform: 'android' }[] = [];
  const invalidatedDevices: string[] = [];
  let fetches = 0;

  const host = await createServiceHost(nc, { name: 'auth', version: '0.0.0', logger });
  host.serve(getJwks, () => {
    fetches++;
    return tokens.jwks();
  });
  host.serve(getUsers, ({ ids }) => ({ users: ids.flatMap((id) => users.get(id) ?? []) }));
  host.serve(findUser, ({ nickname }) => ({
    user: [...users.values()].find((u) => u.nickname.toLowerCase() === nickname.toLowerCase()) ?? null,
  }));
  host.serve(listDevices, ({ userIds }) => ({ devices: devices.filter((d) => userIds.includes(d.userId)) }));
  host.serve(invalidateDevices, ({ tokens: dead }) => {
    invalidatedDevices.push(...dead);
    const before = devices.length;
    devices.splice(0, devices.length, ...devices.filter((d) => !dead.includes(d.token)));
    return { removed: before - devices.length };
  });

  const sign = (userId: string, opts: SignOptions = {}) =>
    tokens.signAccessToken({
      sub: userId,
      sid: opts.sessionId ?? newId(),
      exp: Math.floor(Date.now() / 1000) + (opts.expiresInSec ?? 900),
    });

  function knownUser(nickname: string): KnownUser {
    const user: PublicUser = { id: newId(), nickname, name: null, avatarUrl: null };
    users.set(user.id, user);
    return { ...user, call: (contract, input) => callAs(nc, user.id, contract, input) };
  }

  return {
    tokens,
    knownUser,
    jwksFetches: () => fetches,
    async user(nickname = `user${++nicknames}${newId().slice(-6)}`, opts = {}) {
      const user = knownUser(nickname);
      const sessionId = opts.sessionId ?? newId();
      const token = await sign(user.id, { ...opts, sessionId });
      return {
        ...user,
        sessionId,
        token,
        http: (gateway, method, path, body, headers = {}) =>
          fetch(`${gateway.url}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...headers,
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          }),
      };
    },
    addUsers(...more) {
      for (const u of more) users.set(u.id, u);
    },
    sign,
    registerDevice(userId, token) {
      devices.push({ userId, token, platform: 'android' });
    },
    invalidatedDevices,
    stop: () => host.stop(),
  };
}
