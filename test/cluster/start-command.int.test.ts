import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createClient, isApiError, type SeedClient } from '@seed/client';
import type { Message, Profile } from '@seed/contracts';
import { eventually } from '@seed/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterProcess, startClusterProcess } from '../support/cluster-process.ts';

const root = join(import.meta.dirname, '..', '..');
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const runCommand = (command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(command, args, { ...opts, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );

describe('the cluster start command', () => {
  let cluster: ClusterProcess;
  // Access tokens live 4 s here, so the client's refresh is exercised on HTTP and sockets alike.
  beforeAll(async () => {
    cluster = await startClusterProcess({ ACCESS_TOKEN_TTL_SEC: '4' });
  }, 150_000);
  afterAll(() => cluster?.stop(), 60_000);

  const client = () => createClient({ baseUrl: cluster.baseUrl });

  /** A new user, signed up with the link from the development mailbox, then signed in. */
  async function newUser(name: string): Promise<{ client: SeedClient; me: Profile }> {
    const c = client();
    const email = `${name}.${run}@example.com`;
    const signup = await c.auth.account.create({ email, password: PASSWORD, nickname: `${name}_${run}` });
    expect(signup).toMatchObject({ pending: 'email_verification' });
    const token = await eventually(async () => {
      const res = await fetch(`${cluster.baseUrl}/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`);
      return ((await res.json()) as { data: { tokens: string[] }[] }).data[0]?.tokens[0];
    });
    await c.auth.email.verify({ token });
    return { client: c, me: (await c.auth.session.create({ login: `${name}_${run}`, password: PASSWORD })).user };
  }

  it('brings every service up behind the gateway', async () => {
    expect(cluster.output()).toContain(`${cluster.baseUrl}/console/`);
    expect((await fetch(`${cluster.baseUrl}/readyz`)).status).toBe(200);
    // A loaded machine may time the first call out (504); the keys must come soon after.
    const jwks = await eventually(
      () =>
        client()
          .auth.jwks.get()
          .catch(() => undefined),
      { timeoutMs: 30_000 },
    );
    expect(jwks.keys.length).toBeGreaterThan(0);
    const workerOps = cluster.output().match(/worker\s+ready\s+\(ops (http:\/\/[\d.]+:\d+)/)?.[1];
    expect((await fetch(`${workerOps}/readyz`)).status).toBe(200);
    // An operator command run beside it reads the development secrets `npm start` made.
    const { AUTH_KEYS_SECRET: _, ...env } = process.env;
    const keys = await runCommand('npm', ['run', '--silent', 'auth:keys', '--', 'list'], {
      cwd: root,
      env: { ...env, DATABASE_URL: cluster.databaseUrl },
    });
    expect(keys.code, keys.stderr).toBe(0);
    expect(keys.stdout).toMatch(/ signing /);
  }, 60_000);

  it('serves a new user through the typed client: refresh, paging, uploads and sockets', async () => {
    const ada = await newUser('ada');
    const grace = await newUser('grace');

    const first = ada.client.tokens?.accessToken;
    await eventually(
      async () => {
        const res = await fetch(`${cluster.baseUrl}/api/v1/users/me`, {
          headers: { authorization: `Bearer ${first}` },
        });
        return res.status === 401 && ((await res.json()) as { error: { code: string } }).error.code === 'token_expired';
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the first access token to expire' },
    );
    await expect(ada.client.auth.profile.get()).resolves.toMatchObject({ id: ada.me.id });
    expect(ada.client.tokens?.accessToken).not.toBe(first);

    for (const n of [1, 2, 3]) await ada.client.playco.playlist.create({ name: `List ${n}` });
    const names: string[] = [];
    for await (const p of ada.client.playco.playlist.list.each({ limit: 2 })) names.push(p.name);
    expect(names.sort()).toEqual(['List 1', 'List 2', 'List 3']);

    const upload = await ada.client.upload('chat', {
      purpose: 'chat_image',
      body: new Blob([PNG], { type: 'image/png' }),
    });
    expect(upload.completedAt).not.toBeNull();

    const adaSocket = ada.client.socket();
    const graceSocket = grace.client.socket();
    try {
      await Promise.all([adaSocket.connected(), graceSocket.connected()]);
      const room = await adaSocket.emit('chat:room:direct', { userId: grace.me.id });
      const received = new Promise<Message>((resolve) => graceSocket.on('chat:message:created', resolve));
      const sent = await adaSocket.emit('chat:message:send', {
        roomId: room.id,
        clientMsgId: 'first-image',
        kind: 'image',
        imageUploadId: upload.id,
      });
      expect(await received).toMatchObject({ id: sent.id, kind: 'image', authorId: ada.me.id });
      const image = await fetch(sent.imageUrl ?? '');
      expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
      const refused = await adaSocket
        .emit('chat:message:send', { roomId: '1', clientMsgId: 'x', text: 'hi' })
        .catch((e) => e);
      expect(isApiError(refused, 'room_not_found')).toBe(true);
      // Past the token's life the socket refreshes and reconnects by itself.
      await sleep(4_500);
      await expect(adaSocket.emit('chat:room:list')).resolves.toEqual(
        expect.arrayContaining([expect.objectContaining({ id: room.id })]),
      );
    } finally {
      adaSocket.close();
      graceSocket.close();
    }
  }, 120_000);

  it('loads the demo, and a second run finds everything there and adds nothing', async () => {
    const demo = () =>
      promisify(execFile)(process.execPath, ['scripts/demo.ts'], {
        cwd: root,
        env: { ...process.env, SEED_URL: cluster.baseUrl },
      });
    const state = async () => {
      const ada = client();
      await ada.auth.session.create({ login: 'demo_ada', password: 'seed demo password' });
      const rooms = await ada.chat.room.list();
      const messages = await Promise.all(
        rooms.map(async (r) => (await ada.chat.message.list({ roomId: r.id, limit: 100 })).data.map((m) => m.text)),
      );
      const playlists = [];
      for await (const p of ada.playco.playlist.browse.each({ limit: 100 }))
        if (p.name.startsWith('Demo:')) playlists.push(`${p.name}: ${p.itemCount}`);
      return {
        friends: (await ada.chat.friend.list()).map((f) => f.nickname).sort(),
        rooms: rooms.map((r) => r.name ?? r.peer?.nickname).sort(),
        messages: messages.flat().sort(),
        playlists: playlists.sort(),
      };
    };

    const first = await demo();
    expect(first.stdout).toContain('3 users created');
    expect(first.stdout).toContain('demo_grace');
    const after = await state();
    expect(after.friends).toEqual(['demo_alan', 'demo_grace']);
    expect(after.rooms).toEqual(['Demo: Book club', 'demo_grace']);
    expect(after.messages).toHaveLength(6);
    expect(after.playlists).toEqual(['Demo: Focus music: 2', 'Demo: Road trip: 2']);

    const second = await demo();
    expect(second.stdout).toContain('everything was already there');
    expect(await state()).toEqual(after);
  }, 180_000);

  it('stops every service on Ctrl-C', async () => {
    expect(await cluster.interrupt()).toBe(0);
    await expect(fetch(`${cluster.baseUrl}/healthz`)).rejects.toThrow();
  }, 60_000);
});
