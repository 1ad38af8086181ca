import './style.css';
import { fill, h } from './dom.ts';
import { resume, session } from './session.ts';
import { accountView } from './views/account.ts';
import { authView } from './views/auth.ts';
import { chatView } from './views/chat.ts';
import { friendsView } from './views/friends.ts';
import { liveView } from './views/live.ts';
import { playlistsView } from './views/playlists.ts';

const app = document.getElementById('app') as HTMLElement;
const main = h('main', {});
let leave: (() => void) | undefined;

const go = (hash: string) => {
  if (location.hash === hash) route();
  else location.hash = hash;
};

function header(): HTMLElement {
  const link = (hash: string, text: string) =>
    h('a', { href: hash, className: location.hash.startsWith(hash) ? 'active' : '' }, text);
  return h(
    'header',
    {},
    h('b', { className: 'brand' }, 'Seed'),
    session.me
      ? h(
          'nav',
          {},
          link('#/chat', 'Chat'),
          link('#/friends', 'Friends'),
          link('#/playlists', 'Playlists'),
          link('#/account', 'Account'),
        )
      : null,
    h('span', { className: 'who', 'data-test': 'who' }, session.me ? session.me.nickname : ''),
    h('a', { href: '/dev/mailbox', className: 'dev' }, 'Mailbox'),
    h('a', { href: '/docs', className: 'dev' }, 'API docs'),
  );
}

/** Shows the view the address names; the previous view stops listening first. */
function route(): void {
  leave?.();
  leave = undefined;
  for (const key of Object.keys(main.dataset)) delete main.dataset[key];
  fill(app, header(), main);
  if (!session.me) {
    authView(main, () => go('#/chat'));
    return;
  }
  const [, page = 'chat', id] = location.hash.split('/');
  if (page === 'friends') leave = friendsView(main, (roomId) => go(`#/chat/${roomId}`));
  else if (page === 'playlists' && id) leave = liveView(main, id);
  else if (page === 'playlists') playlistsView(main, (playlistId) => go(`#/playlists/${playlistId}`));
  else if (page === 'account') accountView(main, () => go('#/'));
  else leave = chatView(main, id, (roomId) => go(`#/chat/${roomId}`));
}

window.addEventListener('hashchange', route);
void resume().then(route);
