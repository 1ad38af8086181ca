import { setTimeout as sleep } from 'node:timers/promises';
import { testServers } from '@seed/runtime/testing';
import { fetchJson as call, describe, expect, type TestGateway as Gateway } from '@seed/testkit';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { AUTH_TEST_ENV, type AuthWorld, TEST_KEYS_SECRET, test } from '../support/fixtures.ts';
import { rotatedKid, runKeysCli } from '../support/keys-cli.ts';

/**
 * Long enough for every auth replica to reread the keys (5 s) and then for a gateway that fetched
 * just before that to be past its unknown-kid cooldown (10 s), with room to spare.
 */
const ACTIVATION_DELAY_MS = 20_000;
/** Successful calls with tokens of the new key after which the load stops. */
const NEW_KEY_CALLS = 40;
/** Gives up (and fails) if the new key has not signed long after it should have. */
const LOAD_CAP_MS = ACTIVATION_DELAY_MS + 60_000;
const PASSWORD = 'a long safe passphrase';

test.override('serviceEnv', { scope: 'file' }, { auth: { ...AUTH_TEST_ENV, LIMIT_LOGIN_PER_IP_PER_MIN: '100000' } });
test.override(
  'gatewayOptions',
  { scope: 'file' },
  { env: { RATE_LIMIT_MAX: '100000', MAX_EVENT_LOOP_DELAY_MS: '60000', REQUEST_TIMEOUT_MS: '30000' } },
);

let world: AuthWorld;
let gw: Gateway;
const logins: string[] = [];

test.beforeAll(async ({ authWorld, gateway }) => {
  world = authWorld;
  await world.replica();
  gw = gateway;
  for (const i of [0, 1]) {
    const id = `${Date.now().toString(36)}${i}`;
    const email = `rot.${id}@example.com`;
    const signup = await call(gw.url, 'POST', '/api/v1/auth/signup', {
      body: { email, password: PASSWORD, nickname: `rot_${id}` },
    });
    expect(signup.status).toBe(201);
    logins.push(email);
  }
  await world.auth.infra.database
    .sql`update auth.users set email_verified_at = now() where email in ${world.auth.infra.database.sql(logins)}`;
});

interface Held {
  token: string;
  kid: string;
}
const kidOf = (token: string) => String(decodeProtectedHeader(token).kid);

async function login(email: string) {
  const res = await call<{ data?: { accessToken: string }; error?: { code: string } }>(
    gw.url,
    'POST',
    '/api/v1/auth/login',
    { body: { login: email, password: PASSWORD } },
  );
  const token = res.body.data?.accessToken;
  return { status: res.status, code: res.body.error?.code, held: token ? { token, kid: kidOf(token) } : undefined };
}

const me = (token: string) => call<{ error?: { code: string } }>(gw.url, 'GET', '/api/v1/users/me', { token });

describe('signing key rotation by the operator command, under load', () => {
  test('rejects no valid token, before, during or after the new key starts signing', { timeout: 180_000 }, async () => {
    const before: Held[] = [];
    for (const email of [...logins, ...logins]) {
      const { held } = await login(email);
      before.push(held!);
    }
    const oldKid = before[0]!.kid;
    expect(before.every((h) => h.kid === oldKid)).toBe(true);

    const held: Held[] = [...before];
    const failures: { what: string; kid?: string; status: number; code?: string | undefined }[] = [];
    const callsByKid = new Map<string, number>();
    let newKid: string | undefined;
    let newKidFirstIssued = false;
    let oldKidCallsAfterNewKid = 0;
    let forgedCalls = 0;
    let loginsDone = 0;
    let rotationFailed = false;
    const capAt = Date.now() + LOAD_CAP_MS;
    const newKidCalls = () => (newKid ? (callsByKid.get(newKid) ?? 0) : 0);
    const done = () => rotationFailed || newKidCalls() >= NEW_KEY_CALLS || Date.now() > capAt;

    const loginLoop = async (email: string) => {
      while (!done()) {
        const res = await login(email);
        loginsDone++;
        if (res.status !== 200 || !res.held) failures.push({ what: 'login', status: res.status, code: res.code });
        else {
          held.push(res.held);
          if (res.held.kid === newKid) newKidFirstIssued = true;
        }
        await sleep(50);
      }
    };
    // Alternates the newest token (so the new key is used as soon as it signs) with any held one.
    const callLoop = async () => {
      for (let i = 0; !done(); i++) {
        const { token, kid } = i % 2 === 0 ? held.at(-1)! : held[Math.floor(Math.random() * held.length)]!;
        const res = await me(token);
        if (res.status !== 200) failures.push({ what: 'me', kid, status: res.status, code: res.body.error?.code });
        else {
          callsByKid.set(kid, (callsByKid.get(kid) ?? 0) + 1);
          if (kid === oldKid && newKidFirstIssued) oldKidCallsAfterNewKid++;
        }
        await sleep(5);
      }
    };
    // Tokens naming kids auth never had make the gateway refetch its keys now and then, and
    // start its unknown-kid cooldown: the activation delay must outlast that.
    const forgedStatuses = new Set<number>();
    const forgedLoop = async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      while (!done()) {
        const forged = await new SignJWT({ sid: '1' })
          .setProtectedHeader({ alg: 'EdDSA', kid: crypto.randomUUID() })
          .setSubject('1')
          .setIssuer('seed-auth')
          .setAudience('seed')
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(privateKey);
        forgedStatuses.add((await me(forged)).status);
        forgedCalls++;
        await sleep(200);
      }
    };

    const load = Promise.all([...logins.map(loginLoop), callLoop(), callLoop(), callLoop(), forgedLoop()]);
    while (loginsDone < 2 && !done()) await sleep(20);

    const rotation = await runKeysCli(['rotate'], {
      DATABASE_URL: world.database.url,
      AUTH_KEYS_SECRET: TEST_KEYS_SECRET,
      NATS_URL: world.nats.url,
      REDIS_URL: testServers().redisUrl,
      KEY_ACTIVATION_DELAY_MS: String(ACTIVATION_DELAY_MS),
      LOG_LEVEL: 'silent',
    });
    newKid = rotatedKid(rotation.stdout);
    rotationFailed = rotation.code !== 0 || newKid === undefined;
    await load;
    expect(rotation, rotation.stderr).toMatchObject({ code: 0 });
    expect(newKid).toBeDefined();
    expect(newKid).not.toBe(oldKid);

    expect(failures.length, `${failures.length} refused: ${JSON.stringify(failures.slice(0, 5))}`).toBe(0);
    expect(newKidCalls()).toBeGreaterThanOrEqual(NEW_KEY_CALLS);
    expect(held.filter((h) => h.kid === newKid).length).toBeGreaterThan(0);
    expect(oldKidCallsAfterNewKid).toBeGreaterThan(0);
    expect(forgedCalls).toBeGreaterThan(0);
    expect([...forgedStatuses]).toEqual([401]);
    for (const { token } of before) expect((await me(token)).status).toBe(200);
  });
});
