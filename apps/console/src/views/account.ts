import { fill, h, messageOf } from '../dom.ts';
import { session, signOut } from '../session.ts';

/** The profile, the sessions (devices) with a way to sign each out, and signing out. */
export function accountView(root: HTMLElement, signedOut: () => void): void {
  const me = session.me;
  const list = h('ul', { className: 'sessions', 'data-test': 'sessions' });
  const status = h('p', { className: 'notice' });

  async function load() {
    try {
      const sessions = await session.client.auth.session.list();
      fill(
        list,
        sessions.map((s) =>
          h(
            'li',
            {},
            h('b', {}, s.current ? 'This browser' : (s.userAgent ?? 'Unknown device')),
            ` · signed in ${new Date(s.createdAt).toLocaleString()} · last used ${new Date(s.lastUsedAt).toLocaleString()}`,
            !s.current &&
              h(
                'button',
                { onclick: () => session.client.auth.session.revoke({ id: s.id }).then(load, show) },
                'Sign out',
              ),
          ),
        ),
      );
    } catch (err) {
      show(err);
    }
  }
  const show = (err: unknown) => {
    status.textContent = messageOf(err);
  };

  fill(
    root,
    h(
      'section',
      {},
      h('h2', {}, 'Account'),
      h('p', {}, h('b', {}, me?.nickname ?? ''), ` · ${me?.email ?? ''}`, me?.name ? ` · ${me.name}` : ''),
      h('h3', {}, 'Sessions'),
      list,
      status,
      h('button', { 'data-test': 'sign-out', onclick: () => signOut().then(signedOut) }, 'Sign out'),
    ),
  );
  void load();
}
