import { fetchJson as call, expect } from '@seed/testkit';
import type { AuthWorld } from './fixtures.ts';

const PASSWORD = 'a long safe passphrase';
let n = 0;

export interface Upload {
  upload: { id: string; completedAt: string | null };
  uploadUrl: string;
  headers: Record<string, string>;
}

/**
 * A signed-in account speaking to the gateway at `base`. `reach` turns a URL auth handed out into
 * one this process can open (the local driver's URLs start with PUBLIC_BASE_URL).
 */
export async function signedInUser(world: AuthWorld, base: string, reach: (url: string) => string = (u) => u) {
  const tag = `${Date.now().toString(36)}${(n++).toString(36)}`;
  const email = `av.${tag}@example.com`;
  const nickname = `av_${tag}`;
  const signed = await call(base, 'POST', '/api/v1/auth/signup', {
    body: { email, password: PASSWORD, nickname },
  });
  expect(signed.status).toBe(201);
  await world.auth.infra.database.sql`update auth.users set email_verified_at = now() where email = ${email}`;
  const logged = await call<{ data: { accessToken: string; user: { id: string } } }>(
    base,
    'POST',
    '/api/v1/auth/login',
    {
      body: { login: email, password: PASSWORD },
    },
  );
  const { accessToken: token, user } = logged.body.data;
  const as = <T = { data: Record<string, unknown>; error: { code: string } }>(
    method: string,
    path: string,
    body?: unknown,
  ) => call<T>(base, method, path, { token, ...(body !== undefined ? { body } : {}) });

  const declare = (bytes: Buffer, contentType = 'image/png') =>
    as<{ data: Upload; error: { code: string } }>('POST', '/api/v1/auth/uploads', {
      purpose: 'avatar',
      contentType,
      size: bytes.length,
    });
  const send = (upload: Upload, bytes: Buffer) =>
    fetch(reach(upload.uploadUrl), { method: 'PUT', headers: upload.headers, body: bytes });
  const complete = (uploadId: string) => as('POST', `/api/v1/auth/uploads/${uploadId}/complete`, {});

  return {
    id: user.id,
    nickname,
    call: as,
    /** Declares an upload of `bytes` as `contentType`. */
    declare,
    /** Sends the bytes where the declared upload said. */
    send,
    complete,
    /** Declares, sends and completes an upload; answers its id. */
    async upload(bytes: Buffer, contentType = 'image/png'): Promise<string> {
      const declared = await declare(bytes, contentType);
      expect(declared.status).toBe(201);
      expect((await send(declared.body.data, bytes)).status).toBe(200);
      expect((await complete(declared.body.data.upload.id)).status).toBe(200);
      return declared.body.data.upload.id;
    },
    setAvatar: (avatarUploadId: string | null) => as('PATCH', '/api/v1/users/me', { avatarUploadId }),
    async avatarUrl(): Promise<string | null> {
      const me = await as<{ data: { avatarUrl: string | null } }>('GET', '/api/v1/users/me');
      return me.body.data.avatarUrl;
    },
  };
}

/** The bytes and content type at `url`. */
export async function download(url: string) {
  const res = await fetch(url);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}
