import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '@seed/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { clientHttpContracts } from './catalog.ts';
import { createClient } from './client.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A stand-in for the gateway: answers each request with the next scripted response. */
function scriptedFetch(...answers: [status: number, body: unknown][]) {
  const sent: Sent[] = [];
  const fetchFn = async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(url),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    });
    const [status, body] = answers.shift() ?? [500, { error: { code: 'internal', message: 'no answer scripted' } }];
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { sent, fetch: fetchFn as typeof fetch };
}

const profile = {
  id: '11',
  nickname: 'ada',
  name: null,
  avatarUrl: null,
  email: 'ada@example.com',
  phone: null,
  emailVerified: true,
  phoneVerified: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const sessionReply = (accessToken: string, refreshToken?: string) => ({
  data: { accessToken, ...(refreshToken ? { refreshToken } : {}), expiresIn: 900, user: profile },
});

describe('client', () => {
  it('has a method for every HTTP operation of the registry, and the contracts export no other', () => {
    const exported = (Object.values(contracts) as unknown[]).filter(
      (v): v is contracts.RequestContract =>
        (v as { kind?: unknown }).kind === 'request' &&
        (v as contracts.RequestContract).http !== undefined &&
        (v as contracts.RequestContract).access !== 'internal',
    );
    const subjects = (list: contracts.RequestContract[]) => [...new Set(list.map((c) => c.subject))].sort();
    expect(subjects(clientHttpContracts())).toEqual(subjects(exported));
    const client = createClient({ baseUrl: 'http://127.0.0.1:9' });
    expect(typeof client.chat.friendRequest.accept).toBe('function');
    expect(typeof client.playco.playlist.browse.each).toBe('function');
  });

  it('puts path fields in the path, If-Match in its header and the rest in the query or the body', async () => {
    const { sent, fetch } = scriptedFetch(
      [200, { data: { playlist: {} } }],
      [200, { data: [], nextCursor: null }],
      [200, { data: { deleted: true } }],
    );
    const client = createClient({ baseUrl: 'http://gw.test/', fetch, tokens: { accessToken: 'a1' } });
    await client.playco.item.move({ playlistId: '5', itemId: '7', version: 3, position: 0 });
    await client.playco.playlist.browse({ limit: 2, cursor: 'c1' });
    await client.auth.profile.delete({ password: 'x y' });
    expect(sent[0]).toMatchObject({
      url: 'http://gw.test/api/v1/playco/playlists/5/items/7',
      method: 'PATCH',
      headers: { 'if-match': '"3"', authorization: 'Bearer a1', 'content-type': 'application/json' },
      body: { position: 0 },
    });
    expect(sent[1]).toMatchObject({
      url: 'http://gw.test/api/v1/playco/playlists/public?limit=2&cursor=c1',
      method: 'GET',
    });
    expect(sent[1]?.body).toBeUndefined();
    expect(sent[2]).toMatchObject({ url: 'http://gw.test/api/v1/users/me?password=x+y', method: 'DELETE' });
  });

  it('keeps the tokens of a login, refreshes once on token_expired and repeats the call', async () => {
    const { sent, fetch } = scriptedFetch(
      [200, sessionReply('a1', 'r1')],
      [401, { error: { code: 'token_expired', message: 'expired' } }],
      [200, sessionReply('a2', 'r2')],
      [200, { data: profile }],
    );
    const client = createClient({ baseUrl: 'http://gw.test', fetch });
    await client.auth.session.create({ login: 'ada', password: 'pw' });
    expect(client.tokens).toEqual({ accessToken: 'a1', refreshToken: 'r1' });
    await expect(client.auth.profile.get()).resolves.toEqual(profile);
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname} ${s.headers.authorization ?? ''}`)).toEqual([
      'POST /api/v1/auth/login ',
      'GET /api/v1/users/me Bearer a1',
      'POST /api/v1/auth/refresh Bearer a1',
      'GET /api/v1/users/me Bearer a2',
    ]);
    expect(sent[2]?.body).toEqual({ refreshToken: 'r1' });
    expect(client.tokens).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
  });

  it('signs out locally when the refresh is refused, and throws its typed error', async () => {
    const { fetch } = scriptedFetch(
      [401, { error: { code: 'token_expired', message: 'expired' } }],
      [401, { error: { code: 'refresh_reused', message: 'reused' } }],
    );
    const client = createClient({ baseUrl: 'http://gw.test', fetch, tokens: { accessToken: 'a', refreshToken: 'r' } });
    const err = await client.chat.room.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'refresh_reused' });
    expect(client.tokens).toBeUndefined();
  });

  it('pages through a list with its cursor only as far as the iteration goes', async () => {
    const { sent, fetch } = scriptedFetch(
      [200, { data: [{ id: '1' }, { id: '2' }], nextCursor: '2' }],
      [200, { data: [{ id: '3' }], nextCursor: null }],
    );
    const client = createClient({ baseUrl: 'http://gw.test', fetch, tokens: { accessToken: 'a' } });
    const ids: string[] = [];
    for await (const m of client.chat.message.list.each({ roomId: '9', limit: 2 })) ids.push(m.id);
    expect(ids).toEqual(['1', '2', '3']);
    expect(sent.map((s) => new URL(s.url).search)).toEqual(['?limit=2', '?limit=2&before=2']);
  });

  it('imports nothing of Node, so browsers can load it', () => {
    const dir = import.meta.dirname;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('.test.')))
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/from '(node:|fs|path|http|crypto)/);
  });
});
