import { isApiError } from '@seed/client';
import { fill, formValues, h, messageOf } from '../dom.ts';
import { session, signedIn } from '../session.ts';

/** Sign up, sign in, and the pages emailed links open (`?action=verify-email|reset-password&token=`). */
export function authView(root: HTMLElement, done: () => void): void {
  const notice = h('p', { className: 'notice', 'data-test': 'notice' });
  const say = (text: string, kind: 'ok' | 'error' = 'ok') => {
    notice.className = `notice ${kind}`;
    notice.textContent = text;
  };

  const login = h(
    'form',
    {
      'data-test': 'login',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        const { login: name = '', password = '' } = formValues(login);
        try {
          const reply = await session.client.auth.session.create({ login: name, password });
          await signedIn(reply.user);
          done();
        } catch (err) {
          say(messageOf(err), 'error');
        }
      },
    },
    h('h2', {}, 'Sign in'),
    h('input', { name: 'login', placeholder: 'email, phone or nickname', required: true, autocomplete: 'username' }),
    h('input', { name: 'password', type: 'password', placeholder: 'password', required: true }),
    h('button', { type: 'submit' }, 'Sign in'),
  );

  const signup = h(
    'form',
    {
      'data-test': 'signup',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        const { email = '', nickname = '', password = '' } = formValues(signup);
        try {
          const reply = await session.client.auth.account.create({ email, nickname, password });
          if ('accessToken' in reply) {
            await signedIn(reply.user);
            return done();
          }
          fill(
            notice,
            `We sent a link to ${email}. Open it to confirm your address, then sign in. `,
            h('a', { href: '/dev/mailbox', 'data-test': 'mailbox-link' }, 'Open the development mailbox'),
          );
          notice.className = 'notice ok';
          signup.reset();
        } catch (err) {
          say(messageOf(err), 'error');
        }
      },
    },
    h('h2', {}, 'Create an account'),
    h('input', { name: 'email', type: 'email', placeholder: 'email', required: true }),
    h('input', { name: 'nickname', placeholder: 'nickname (how friends find you)', required: true, minLength: 2 }),
    h('input', { name: 'password', type: 'password', placeholder: 'password (10+ characters)', required: true }),
    h('button', { type: 'submit' }, 'Sign up'),
  );

  fill(root, h('section', { className: 'auth' }, notice, h('div', { className: 'columns' }, login, signup)));
  void linkAction(say);
}

/** Carries out what an emailed link asks, then drops it from the address bar. */
async function linkAction(say: (text: string, kind?: 'ok' | 'error') => void): Promise<void> {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  if (!token) return;
  history.replaceState(null, '', location.pathname + location.hash);
  if (params.get('action') === 'reset-password') {
    const newPassword = prompt('Choose a new password (10+ characters)');
    if (!newPassword) return;
    try {
      await session.client.auth.password.set({ resetToken: token, newPassword });
      say('Your password is changed. Sign in with it.');
    } catch (err) {
      say(messageOf(err), 'error');
    }
    return;
  }
  try {
    await session.client.auth.email.verify({ token });
    say('Your email address is confirmed. Sign in.');
  } catch (err) {
    say(isApiError(err, 'email_token_invalid') ? 'This link is used or expired.' : messageOf(err), 'error');
  }
}
