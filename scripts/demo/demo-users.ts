import { createClient, isApiError, type SeedClient } from '@seed/client';
import type { Profile } from '@seed/contracts';
import { DEMO_PASSWORD, type demoUsers } from './demo-data.ts';

export interface DemoUser {
  client: SeedClient;
  me: Profile;
  created: boolean;
}

/** The token of the newest confirmation link the development mailbox holds for `email`. */
async function mailboxToken(baseUrl: string, email: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const res = await fetch(`${baseUrl}/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`);
    if (res.status === 404)
      throw new Error('the gateway has no development mailbox (NODE_ENV=production?): the demo needs it');
    const { data } = (await res.json()) as { data: { tokens: string[] }[] };
    const token = data.find((m) => m.tokens.length > 0)?.tokens[0];
    if (token) return token;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no confirmation email for ${email} reached the development mailbox`);
}

/** Signs a demo user in, signing them up and confirming their email from the mailbox the first time. */
export async function demoUser(baseUrl: string, user: (typeof demoUsers)[number]): Promise<DemoUser> {
  const client = createClient({ baseUrl });
  const login = () => client.auth.session.create({ login: user.email, password: DEMO_PASSWORD });
  try {
    return { client, me: (await login()).user, created: false };
  } catch (err) {
    if (isApiError(err, 'invalid_credentials'))
      await client.auth.account.create({
        email: user.email,
        password: DEMO_PASSWORD,
        nickname: user.nickname,
        name: user.name,
      });
    else if (isApiError(err, 'email_not_verified')) await client.auth.email.resend({ email: user.email });
    else throw err;
  }
  await client.auth.email.verify({ token: await mailboxToken(baseUrl, user.email) });
  return { client, me: (await login()).user, created: true };
}
