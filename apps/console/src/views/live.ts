import type { PlaybackState, PlaylistDetail, SessionState } from '@seed/contracts';
import { fill, formValues, h, messageOf } from '../dom.ts';
import { measureClockOffset } from '../playback-clock.ts';
import { createPlayer } from '../player/index.ts';
import { session, socket } from '../session.ts';

export interface AppliedPlayback {
  state: PlaybackState['state'];
  itemId: string | null;
  /** When the server scheduled it, in server time. */
  applyAtMs: number;
  /** When this page applied it, in server time (local time plus the measured offset). */
  appliedAtServerMs: number;
  offsetMs: number;
}
declare global {
  interface Window {
    seedPlaybackLog?: AppliedPlayback[];
  }
}

/**
 * A playlist's live session: its items, who is in it, and playback the whole group follows. The
 * server schedules each play or pause at a server time; this page acts at that time on its own
 * clock, from an offset measured with `playco:clock:ping`.
 */
export function liveView(root: HTMLElement, playlistId: string): () => void {
  const s = socket();
  window.seedPlaybackLog ??= [];
  let playlist: PlaylistDetail | undefined;
  let offsetMs = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let current: PlaybackState | undefined;
  let closed = false;
  const title = h('h2', {});
  const items = h('ol', { className: 'items', 'data-test': 'items' });
  const members = h('ul', { className: 'members', 'data-test': 'session-members' });
  const status = h('p', { className: 'notice', 'data-test': 'live-status' });
  const stage = h('div', { className: 'stage' });
  const player = createPlayer(stage);
  const show = (err: unknown) => {
    status.textContent = messageOf(err);
  };

  function renderItems() {
    if (!playlist) return;
    title.textContent = playlist.name;
    fill(
      items,
      playlist.items.map((item) =>
        h(
          'li',
          { 'data-video': item.videoId },
          item.thumbnailUrl ? h('img', { src: item.thumbnailUrl, alt: '', className: 'thumb' }) : null,
          item.title,
          ' ',
          h(
            'button',
            { 'data-test': 'play', onclick: () => control({ action: 'play', itemId: item.id, positionMs: 0 }) },
            'Play',
          ),
        ),
      ),
    );
  }

  function renderMembers(room: SessionState) {
    const me = session.me?.id;
    fill(
      members,
      room.members.map((m) =>
        h(
          'li',
          { 'data-session': m.sessionName },
          h('span', { className: 'dot online' }),
          m.sessionName,
          m.userId === me ? ' (you)' : '',
        ),
      ),
    );
  }

  async function control(
    command: { action: 'play'; itemId: string; positionMs: number } | { action: 'pause'; positionMs: number },
  ) {
    try {
      await s.emit('playco:playback:control', { playlistId, command });
      status.textContent = '';
    } catch (err) {
      show(err);
    }
  }

  /** Where the group's playback is now, in milliseconds of the video. */
  const positionNow = () =>
    !current
      ? 0
      : current.state === 'paused'
        ? current.positionMs
        : current.positionMs + Math.max(0, Date.now() + offsetMs - current.applyAtMs);

  function apply(p: PlaybackState) {
    current = p;
    const nowServer = Date.now() + offsetMs;
    const late = Math.max(0, nowServer - p.applyAtMs);
    const item = playlist?.items.find((i) => i.id === p.itemId);
    if (p.state === 'playing' && item) player.play(item.videoId, p.positionMs + late);
    else player.pause(p.positionMs + (p.state === 'playing' ? late : 0));
    window.seedPlaybackLog?.push({
      state: p.state,
      itemId: p.itemId,
      applyAtMs: p.applyAtMs,
      appliedAtServerMs: nowServer,
      offsetMs,
    });
  }

  /** Acts at the scheduled server time, on this page's clock. */
  function schedule(p: PlaybackState) {
    clearTimeout(pending);
    pending = setTimeout(() => apply(p), Math.max(0, p.applyAtMs - offsetMs - Date.now()));
  }

  const add = h(
    'form',
    {
      'data-test': 'add-item',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        if (!playlist) return;
        try {
          const { playlist: next } = await session.client.playco.item.add({
            playlistId,
            version: playlist.version,
            url: formValues(add).url ?? '',
          });
          playlist = next;
          add.reset();
          renderItems();
        } catch (err) {
          show(err);
        }
      },
    },
    h('input', { name: 'url', placeholder: 'YouTube URL', required: true }),
    h('button', { type: 'submit' }, 'Add'),
  );

  fill(
    root,
    h(
      'section',
      { className: 'live' },
      title,
      status,
      h(
        'div',
        { className: 'room-body' },
        h(
          'div',
          {},
          stage,
          h(
            'button',
            {
              'data-test': 'pause',
              onclick: () => control({ action: 'pause', positionMs: Math.round(positionNow()) }),
            },
            'Pause',
          ),
          items,
          add,
        ),
        h('div', {}, h('h3', {}, 'In the session'), members),
      ),
    ),
  );

  const offs = [
    s.on('playco:member:entered', ({ playlistId: id, room }) => id === playlistId && renderMembers(room)),
    s.on('playco:member:exited', ({ playlistId: id, room }) => id === playlistId && renderMembers(room)),
    s.on('playco:member:playing', ({ playlistId: id, room }) => id === playlistId && renderMembers(room)),
    s.on('playco:playlist:modified', (e) => {
      if (e.playlistId !== playlistId) return;
      playlist = e.playlist;
      renderItems();
      renderMembers(e.room);
    }),
    s.on('playco:playlist:closed', ({ playlistId: id }) => {
      if (id === playlistId) status.textContent = 'This playlist was deleted.';
    }),
    s.on('playco:playback:changed', ({ playlistId: id, playback }) => id === playlistId && schedule(playback)),
  ];

  void (async () => {
    try {
      offsetMs = await measureClockOffset(s);
      const joined = await s.emit('playco:session:join', { playlistId });
      if (closed) return;
      playlist = joined.playlist;
      renderItems();
      renderMembers(joined.room);
      const { playback } = await s.emit('playco:playback:get', { playlistId });
      if (playback?.state === 'playing') schedule(playback);
      root.dataset.joined = 'true';
    } catch (err) {
      show(err);
    }
  })();

  return () => {
    closed = true;
    clearTimeout(pending);
    for (const off of offs) off();
    player.destroy();
    void s.emit('playco:session:leave', { playlistId }).catch(() => {});
  };
}
