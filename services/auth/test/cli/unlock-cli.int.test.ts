import { login, type RequestOf, sendPhoneCode, signup, verifyPhoneCode } from '@seed/contracts';
import { type RequestContext, request } from '@seed/runtime';
import { eventually, testServers } from '@seed/runtime/testing';
import { describe, expect } from '@seed/testkit';
import { AUTH_TEST_ENV, type AuthWorld, lastCode, test } from '../support/fixtures.ts';
import { runAuthCli } from '../support/keys-cli.ts';

let world: AuthWorld;
let env: Record<string, string>;
const anon: RequestContext = { requestId: 'unlock-test', clientIp: '10.0.7.1' };
const PASSWORD = 'a long safe passphrase';
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

test.beforeAll(({ authWorld, redisPrefix }) => {
  world = authWorld;
  // The command reads what auth wrote: its database, and its Redis keys under auth's own prefix.
  env = {
    DATABASE_URL: world.database.url,
    REDIS_URL: testServers().redisUrl,
    REDIS_KEY_PREFIX: `${redisPrefix}${AUTH_TEST_ENV.REDIS_KEY_PREFIX}`,
    NODE_ENV: 'production',
  };
});

/** An active account, signed up with a verified phone. */
async function account() {
  const id = unique();
  const phone = `+8218${String(Date.now() + n).slice(-8)}`;
  const from = world.jobs.length;
  const { verificationId } = await request(world.nc, sendPhoneCode, { phone, purpose: 'signup' }, { context: anon });
  const code = await eventually(() => lastCode(world.jobs, phone, from), { what: 'the SMS' });
  await request(world.nc, verifyPhoneCode, { verificationId, code }, { context: anon });
  const input = { email: `Ul.${id}@Example.com`, password: PASSWORD, nickname: `ul_${id}` };
  const { user } = await request(
    world.nc,
    signup,
    { ...input, phoneVerificationId: verificationId },
    { context: anon },
  );
  return { ...input, id: user.id, phone, storedEmail: user.email };
}

const signIn = (input: RequestOf<typeof login>) => request(world.nc, login, input, { context: anon });

async function lockOut(email: string) {
  await world.resetLimits();
  for (let i = 0; i < 5; i++)
    await expect(signIn({ login: email, password: `wrong password ${i}` })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
  await expect(signIn({ login: email, password: PASSWORD })).rejects.toMatchObject({ code: 'account_locked' });
}

describe('auth:unlock (operator command)', () => {
  test.each([
    ['email, in any case', (a: { email: string }) => a.email.toUpperCase()],
    ['phone', (a: { phone: string }) => a.phone],
    ['nickname', (a: { nickname: string }) => a.nickname.toUpperCase()],
  ])('finds a locked-out account by its %s and lets it sign in again', async (_, loginOf) => {
    const ada = await account();
    await lockOut(ada.email);
    const run = await runAuthCli('unlock', [loginOf(ada)], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: it was locked for another \d+ min/);
    expect(run.stdout).toContain(`unlocked ${ada.nickname} (id ${ada.id}, ${ada.storedEmail}, ${ada.phone})`);
    await expect(signIn({ login: ada.email, password: PASSWORD })).resolves.toMatchObject({ user: { id: ada.id } });
  });

  test('says so when the account was not locked', async () => {
    const bob = await account();
    const run = await runAuthCli('unlock', [bob.nickname], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${bob.nickname} (id ${bob.id}, ${bob.storedEmail}, ${bob.phone}) was not locked`);
  });

  test('exits 1 naming the login when no account matches', async () => {
    const run = await runAuthCli('unlock', ['nobody@example.com'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no account has the email, phone or nickname nobody@example.com');
  });

  test('prints its usage on --help, and refuses to run without an account', async () => {
    const help = await runAuthCli('unlock', ['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: auth:unlock <email \| phone \| nickname>/);
    const none = await runAuthCli('unlock', [], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: auth:unlock');
  });
});
