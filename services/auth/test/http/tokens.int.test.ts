import { fetchJson as call, describe, expect, type TestGateway as Gateway } from '@seed/testkit';
import { generateKeyPair, SignJWT } from 'jose';
import { type AuthWorld, test } from '../support/fixtures.ts';

let world: AuthWorld;
let gw: Gateway;
let user: { id: string; sessionId: string; accessToken: string };
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
const PASSWORD = 'a long safe passphrase';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const me = (token: string) => call(gw.url, 'GET', '/api/v1/users/me', { token });

async function login(): Promise<{ id: string; sessionId: string; accessToken: string }> {
  const res = await call(gw.url, 'POST', '/api/v1/auth/login', { body: { login: email, password: PASSWORD } });
  const { accessToken, user } = (res.body as { data: { accessToken: string; user: { id: string } } }).data;
  const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString());
  return { id: user.id, sessionId: sid, accessToken };
}
let email: string;

test.beforeAll(async ({ authWorld, gateway }) => {
  world = authWorld;
  gw = gateway;
  const id = unique();
  email = `t.${id}@example.com`;
  await call(gw.url, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, nickname: `t_${id}` } });
  await world.auth.infra.database.sql`update auth.users set email_verified_at = now() where email = ${email}`;
  user = await login();
});

/** Claims auth would sign for this user, changed by `over`. */
const claims = (over: Record<string, unknown> = {}) => ({
  sub: user.id,
  sid: user.sessionId,
  iss: 'seed-auth',
  aud: 'seed',
  iat: now(),
  exp: now() + 600,
  jti: unique(),
  ...over,
});

/** Signs with auth's real current private key. */
async function signWithAuthKey(payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const { kid, key } = await world.auth.services.keys.signingKey();
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT', ...header }).sign(key);
}

describe('access tokens at the gateway', () => {
  test('accept what auth signs', async () => {
    expect((await me(user.accessToken)).status).toBe(200);
    expect((await me(await signWithAuthKey(claims()))).status).toBe(200);
  });

  test('refuse alg none', async () => {
    const { kid } = await world.auth.services.keys.signingKey();
    const token = `${b64({ alg: 'none', kid, typ: 'JWT' })}.${b64(claims())}.`;
    expect((await me(token)).status).toBe(401);
  });

  test('refuse HS256 keyed with auth’s public key', async () => {
    const { keys } = await world.auth.services.keys.jwks();
    const jwk = keys[0]!;
    for (const secret of [JSON.stringify(jwk), Buffer.from(String(jwk.x), 'base64url')]) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: jwk.kid })
        .sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);
      expect((await me(token)).status).toBe(401);
    }
  });

  test('refuse an unknown kid and a key auth does not hold', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const foreign = await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', kid: unique() }).sign(privateKey);
    expect((await me(foreign)).status).toBe(401);
    const { kid } = await world.auth.services.keys.signingKey();
    const stolenKid = await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey);
    expect((await me(stolenKid)).status).toBe(401);
  });

  test.each([
    ['expired', { exp: now() - 120, iat: now() - 1_000 }],
    ['not yet valid', { nbf: now() + 600 }],
    ['for another audience', { aud: 'someone-else' }],
    ['from another issuer', { iss: 'evil' }],
  ])('refuse a token %s, signed with auth’s real key', async (_, over) => {
    expect((await me(await signWithAuthKey(claims(over)))).status).toBe(401);
  });

  test('keep old tokens valid across a key rotation until they expire', async ({ startTestGateway }) => {
    // A gateway that has not just refreshed its keys for a forged kid (its refresh cooldown is why
    // a rotated-in key is published KEY_ACTIVATION_DELAY_MS before it signs).
    const fresh = await startTestGateway();
    const meAt = (token: string) => call(fresh.url, 'GET', '/api/v1/users/me', { token });
    const before = await login();
    const oldKid = JSON.parse(Buffer.from(before.accessToken.split('.')[0]!, 'base64url').toString()).kid;
    await world.auth.services.keys.rotate(0);
    const after = await login();
    const newKid = JSON.parse(Buffer.from(after.accessToken.split('.')[0]!, 'base64url').toString()).kid;
    expect(newKid).not.toBe(oldKid);
    expect((await meAt(before.accessToken)).status).toBe(200);
    expect((await meAt(after.accessToken)).status).toBe(200);
    expect((await meAt(before.accessToken)).status).toBe(200);
    const jwks = await call<{ keys: { kid: string }[] }>(fresh.url, 'GET', '/.well-known/jwks.json');
    expect(jwks.body.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    await fresh.stop();
  });

  test('publish a rotated-in key before it signs', async () => {
    const signingBefore = (await world.auth.services.keys.signingKey()).kid;
    const { kid } = await world.auth.services.keys.rotate(60_000);
    expect((await world.auth.services.keys.signingKey()).kid).toBe(signingBefore);
    expect((await world.auth.services.keys.jwks()).keys.map((k) => k.kid)).toContain(kid);
  });
});
