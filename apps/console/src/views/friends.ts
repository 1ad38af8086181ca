import { fill, formValues, h, messageOf } from '../dom.ts';
import { session, socket } from '../session.ts';

const PRESENCE_POLL_MS = 10_000;

/** Friends with their presence, friend requests both ways, and asking someone by nickname. */
export function friendsView(root: HTMLElement, openChat: (roomId: string) => void): () => void {
  const friends = h('ul', { className: 'friends', 'data-test': 'friends' });
  const incoming = h('ul', { 'data-test': 'incoming' });
  const outgoing = h('ul', { 'data-test': 'outgoing' });
  const status = h('p', { className: 'notice' });
  const show = (err: unknown) => {
    status.textContent = messageOf(err);
  };

  async function load() {
    try {
      const [list, requests] = await Promise.all([
        session.client.chat.friend.list(),
        session.client.chat.friendRequest.list(),
      ]);
      fill(
        friends,
        list.length ? null : h('li', { className: 'muted' }, 'No friends yet.'),
        list.map((f) =>
          h(
            'li',
            { 'data-nickname': f.nickname },
            h('span', { className: f.online ? 'dot online' : 'dot', title: f.online ? 'online' : 'offline' }),
            h('b', {}, f.nickname),
            f.name ? ` ${f.name}` : '',
            h(
              'button',
              {
                'data-test': 'chat-with',
                onclick: async () => {
                  try {
                    openChat((await session.client.chat.room.direct({ userId: f.id })).id);
                  } catch (err) {
                    show(err);
                  }
                },
              },
              'Chat',
            ),
          ),
        ),
      );
      fill(
        incoming,
        requests.incoming.map((r) =>
          h(
            'li',
            { 'data-nickname': r.from.nickname },
            h('b', {}, r.from.nickname),
            ' wants to be friends ',
            h(
              'button',
              {
                'data-test': 'accept',
                onclick: () => session.client.chat.friendRequest.accept({ requestId: r.id }).then(load, show),
              },
              'Accept',
            ),
            h(
              'button',
              { onclick: () => session.client.chat.friendRequest.decline({ requestId: r.id }).then(load, show) },
              'Decline',
            ),
          ),
        ),
      );
      fill(
        outgoing,
        requests.outgoing.map((r) =>
          h(
            'li',
            {},
            'Asked ',
            h('b', {}, r.to.nickname),
            ' ',
            h(
              'button',
              { onclick: () => session.client.chat.friendRequest.cancel({ requestId: r.id }).then(load, show) },
              'Withdraw',
            ),
          ),
        ),
      );
    } catch (err) {
      show(err);
    }
  }

  const ask = h(
    'form',
    {
      'data-test': 'add-friend',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        try {
          await session.client.chat.friendRequest.send({ nickname: formValues(ask).nickname ?? '' });
          ask.reset();
          status.textContent = '';
          await load();
        } catch (err) {
          show(err);
        }
      },
    },
    h('input', { name: 'nickname', placeholder: 'nickname', required: true }),
    h('button', { type: 'submit' }, 'Ask to be friends'),
  );

  fill(
    root,
    h(
      'section',
      {},
      h('h2', {}, 'Friends'),
      ask,
      status,
      friends,
      h('h3', {}, 'Asking you'),
      incoming,
      h('h3', {}, 'You asked'),
      outgoing,
    ),
  );
  void load();
  const reload = () => void load();
  const s = socket();
  const offs = [
    s.on('friends:request:received', reload),
    s.on('friends:request:accepted', reload),
    s.on('friends:request:declined', reload),
    s.on('friends:request:cancelled', reload),
    s.on('friends:removed', reload),
  ];
  const poll = setInterval(reload, PRESENCE_POLL_MS);
  return () => {
    clearInterval(poll);
    for (const off of offs) off();
  };
}
