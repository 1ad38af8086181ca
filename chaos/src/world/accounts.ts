import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../load/outcome.ts';
import type { Sms } from './sms-sink.ts';

export interface Account {
  id: string;
  nickname: string;
  accessToken: string;
}

let phones = 0;
/** A phone number no earlier request of this run used (Korean mobile form, E.164). */
export const newPhone = (): string =>
  `+8210${String(Date.now() % 1e4).padStart(4, '0')}${String(phones++ % 1e4).padStart(4, '0')}`;

async function codeSentTo(received: Sms[], phone: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const code = received.findLast((s) => s.to === phone)?.text.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await sleep(100);
  }
  throw new Error(`no SMS reached ${phone}`);
}

const expect2xx = (what: string, res: { status: number; body: unknown }) => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: Record<string, unknown> }).data;
};

/** An active account made the way an app makes one: phone code, verify, sign up. */
export async function signUp(baseUrl: string, sms: Sms[]): Promise<Account> {
  const phone = newPhone();
  const tag = randomBytes(4).toString('hex');
  const sent = expect2xx(
    'phone code',
    await call(baseUrl, 'POST', '/api/v1/auth/phone/codes', { body: { phone, purpose: 'signup' } }),
  );
  const code = await codeSentTo(sms, phone);
  expect2xx(
    'verify',
    await call(baseUrl, 'POST', '/api/v1/auth/phone/verify', { body: { verificationId: sent.verificationId, code } }),
  );
  const nickname = `chaos_${tag}`;
  const signedUp = expect2xx(
    'signup',
    await call(baseUrl, 'POST', '/api/v1/auth/signup', {
      body: {
        email: `${nickname}@example.com`,
        password: 'a long chaos passphrase',
        nickname,
        phoneVerificationId: sent.verificationId,
      },
    }),
  ) as { accessToken: string; user: { id: string } };
  return { id: signedUp.user.id, nickname, accessToken: signedUp.accessToken };
}

/** The direct room of two accounts. */
export async function directRoom(baseUrl: string, a: Account, b: Account): Promise<string> {
  const room = expect2xx(
    'direct room',
    await call(baseUrl, 'POST', `/api/v1/chat/rooms/direct/${b.id}`, { token: a.accessToken }),
  );
  return room.id as string;
}
