import type { ChatUser, Message, ReadReceipt, RoomSummary } from '@seed/contracts';
import { fill, formValues, h, messageOf } from '../dom.ts';
import { session, socket } from '../session.ts';

const TYPING_SHOWN_MS = 3_000;
const TYPING_EVERY_MS = 2_000;

const roomName = (r: RoomSummary) => r.name ?? r.peer?.nickname ?? 'Direct room';

/** The rooms with unread counts, a new group room, and the open room's live chat. */
export function chatView(root: HTMLElement, roomId: string | undefined, open: (roomId: string) => void): () => void {
  const rooms = h('ul', { className: 'rooms', 'data-test': 'rooms' });
  const pane = h('div', { className: 'room' });
  const status = h('p', { className: 'notice' });
  const show = (err: unknown) => {
    status.textContent = messageOf(err);
  };

  async function loadRooms() {
    try {
      const list = await session.client.chat.room.list();
      fill(
        rooms,
        list.map((r) =>
          h(
            'li',
            { className: r.id === roomId ? 'active' : '', 'data-room': roomName(r) },
            h('a', { href: `#/chat/${r.id}` }, roomName(r)),
            r.unreadCount && r.id !== roomId ? h('span', { className: 'badge' }, r.unreadCount) : null,
          ),
        ),
      );
    } catch (err) {
      show(err);
    }
  }

  const create = h(
    'form',
    {
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        try {
          const room = await session.client.chat.room.create({ kind: 'group', name: formValues(create).name ?? '' });
          open(room.id);
        } catch (err) {
          show(err);
        }
      },
    },
    h('input', { name: 'name', placeholder: 'new group room', required: true }),
    h('button', { type: 'submit' }, 'Create'),
  );

  fill(root, h('section', { className: 'chat' }, h('aside', {}, h('h2', {}, 'Rooms'), rooms, create, status), pane));
  void loadRooms();
  const offs = [socket().on('chat:message:created', (m) => m.roomId !== roomId && void loadRooms())];
  const closeRoom = roomId
    ? openRoom(pane, roomId, show)
    : () => fill(pane, h('p', { className: 'muted' }, 'Pick a room.'));
  return () => {
    closeRoom();
    for (const off of offs) off();
  };
}

/** One room: history, live messages, typing, presence of members, read receipts, images. */
function openRoom(pane: HTMLElement, roomId: string, show: (err: unknown) => void): () => void {
  const me = session.me?.id ?? '';
  const s = socket();
  const users = new Map<string, ChatUser>();
  const messages: Message[] = [];
  const receipts = new Map<string, ReadReceipt>();
  const typing = new Map<string, ReturnType<typeof setTimeout>>();
  const title = h('h2', {});
  const members = h('ul', { className: 'members', 'data-test': 'members' });
  const list = h('ol', { className: 'messages', 'data-test': 'messages' });
  const typingLine = h('p', { className: 'typing', 'data-test': 'typing' });
  let lastTyping = 0;

  const nick = (id: string | null) => (id ? (users.get(id)?.nickname ?? '…') : 'system');

  function render() {
    const readers = (m: Message) =>
      [...receipts.values()].filter((r) => r.userId !== me && r.messageId === m.id).map((r) => nick(r.userId));
    fill(
      list,
      messages.map((m) => {
        const seen = readers(m);
        return h(
          'li',
          { className: m.authorId === me ? 'mine' : '', 'data-test': 'message' },
          h('b', {}, nick(m.authorId)),
          ' ',
          m.deletedAt ? h('i', {}, 'deleted') : m.text,
          m.imageUrl ? h('img', { src: m.imageUrl, alt: 'image', 'data-test': 'image' }) : null,
          seen.length ? h('small', { className: 'seen', 'data-test': 'seen' }, `Seen by ${seen.join(', ')}`) : null,
        );
      }),
    );
    list.scrollTop = list.scrollHeight;
    const names = [...typing.keys()].map(nick);
    typingLine.textContent = names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…` : '';
  }

  async function markRead() {
    const last = messages.at(-1);
    if (last && last.authorId !== me) await s.emit('chat:read:mark', { roomId, messageId: last.id }).catch(show);
  }

  async function loadMembers() {
    const list = await session.client.chat.member.list({ roomId });
    for (const m of list) users.set(m.id, m);
    fill(
      members,
      list.map((m) =>
        h('li', { 'data-nickname': m.nickname }, h('span', { className: m.online ? 'dot online' : 'dot' }), m.nickname),
      ),
    );
  }

  async function load() {
    try {
      const [room, page, reads] = await Promise.all([
        session.client.chat.room.get({ roomId }),
        session.client.chat.message.list({ roomId, limit: 50 }),
        session.client.chat.read.list({ roomId }),
        loadMembers(),
      ]);
      for (const u of page.users) users.set(u.id, u);
      for (const r of reads) receipts.set(r.userId, r);
      messages.push(...page.data.reverse());
      title.textContent = room.name ?? [...users.values()].find((u) => u.id !== me)?.nickname ?? 'Direct room';
      render();
      await markRead();
    } catch (err) {
      show(err);
    }
  }

  const composer = h(
    'form',
    {
      'data-test': 'composer',
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        const text = formValues(composer).text?.trim();
        if (!text) return;
        composer.reset();
        await s.emit('chat:message:send', { roomId, clientMsgId: crypto.randomUUID(), text }).catch(show);
      },
    },
    h('input', {
      name: 'text',
      placeholder: 'Message',
      autocomplete: 'off',
      oninput: () => {
        if (Date.now() - lastTyping < TYPING_EVERY_MS) return;
        lastTyping = Date.now();
        void s.emit('chat:typing:start', { roomId }).catch(() => {});
      },
    }),
    h('button', { type: 'submit' }, 'Send'),
    h(
      'label',
      { className: 'file' },
      'Image',
      h('input', {
        type: 'file',
        accept: 'image/png,image/jpeg,image/gif,image/webp',
        'data-test': 'image-input',
        onchange: async (e: Event) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          try {
            const upload = await session.client.upload('chat', { purpose: 'chat_image', body: file });
            await s.emit('chat:message:send', {
              roomId,
              clientMsgId: crypto.randomUUID(),
              kind: 'image',
              imageUploadId: upload.id,
            });
          } catch (err) {
            show(err);
          }
        },
      }),
    ),
  );

  fill(pane, title, h('div', { className: 'room-body' }, h('div', {}, list, typingLine, composer), members));
  void load();

  const offs = [
    s.on('chat:message:created', (m) => {
      if (m.roomId !== roomId) return;
      const timer = m.authorId ? typing.get(m.authorId) : undefined;
      if (timer) clearTimeout(timer);
      if (m.authorId) typing.delete(m.authorId);
      if (m.authorId && !users.has(m.authorId)) void loadMembers().then(render, show);
      messages.push(m);
      render();
      void markRead();
    }),
    s.on('chat:message:updated', (m) => replace(m)),
    s.on('chat:message:deleted', (m) => replace(m)),
    s.on('chat:typing', ({ roomId: id, userId }) => {
      if (id !== roomId || userId === me) return;
      clearTimeout(typing.get(userId));
      typing.set(
        userId,
        setTimeout(() => {
          typing.delete(userId);
          render();
        }, TYPING_SHOWN_MS),
      );
      render();
    }),
    s.on('chat:read', (r) => {
      if (r.roomId !== roomId) return;
      receipts.set(r.userId, r);
      render();
    }),
    s.on('chat:room:members', ({ roomId: id }) => id === roomId && void loadMembers().catch(show)),
  ];
  function replace(m: Message) {
    const i = messages.findIndex((x) => x.id === m.id);
    if (i >= 0) messages[i] = m;
    render();
  }
  const presence = setInterval(() => void loadMembers().catch(() => {}), 10_000);
  return () => {
    clearInterval(presence);
    for (const t of typing.values()) clearTimeout(t);
    for (const off of offs) off();
  };
}
