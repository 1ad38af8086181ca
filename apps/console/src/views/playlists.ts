import type { Playlist } from '@seed/contracts';
import { fill, formValues, h, messageOf } from '../dom.ts';
import { session } from '../session.ts';

/** The caller's playlists, the public ones, and a new playlist. */
export function playlistsView(root: HTMLElement, open: (playlistId: string) => void): void {
  const mine = h('ul', { 'data-test': 'my-playlists' });
  const shared = h('ul', { 'data-test': 'public-playlists' });
  const status = h('p', { className: 'notice' });
  const item = (p: Playlist) =>
    h(
      'li',
      { 'data-playlist': p.name },
      h('a', { href: `#/playlists/${p.id}` }, p.name),
      ` · ${p.itemCount} videos`,
      p.publicReadable ? ' · public' : ' · private',
    );

  async function load() {
    try {
      const [own, listed] = await Promise.all([
        session.client.playco.playlist.list({ limit: 50 }),
        session.client.playco.playlist.browse({ limit: 50 }),
      ]);
      fill(mine, own.data.length ? own.data.map(item) : h('li', { className: 'muted' }, 'None yet.'));
      fill(shared, listed.data.map(item));
    } catch (err) {
      status.textContent = messageOf(err);
    }
  }

  const create = h(
    'form',
    {
      'data-test': 'create-playlist',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        const values = formValues(create);
        const open_ = values.public === 'on';
        try {
          const playlist = await session.client.playco.playlist.create({
            name: values.name ?? '',
            publicListable: open_,
            publicReadable: open_,
            publicItemAppendable: open_,
          });
          open(playlist.id);
        } catch (err) {
          status.textContent = messageOf(err);
        }
      },
    },
    h('input', { name: 'name', placeholder: 'new playlist', required: true }),
    h('label', {}, h('input', { type: 'checkbox', name: 'public', checked: true }), ' public'),
    h('button', { type: 'submit' }, 'Create'),
  );

  fill(
    root,
    h(
      'section',
      {},
      h('h2', {}, 'Playlists'),
      create,
      status,
      h('h3', {}, 'Mine'),
      mine,
      h('h3', {}, 'Public'),
      shared,
    ),
  );
  void load();
}
