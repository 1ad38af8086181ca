import { describe, expect, it } from 'vitest';
import { rewindChat } from './chat/legacy-rewind.contract.ts';
import { legacyRoomsChatMessage, legacyRoomsJoin } from './chat/legacy-rooms.contract.ts';
import { sendMessage } from './chat/messages.contract.ts';
import { Id } from './ids.ts';
import { legacyPlaylistEnter } from './playco/legacy-playco-requests.contract.ts';
import { createPlaylist, getPlaylist } from './playco/playlists.contract.ts';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('ids', () => {
  it('are decimal strings within the signed 64-bit range', () => {
    expect(Id.safeParse('9223372036854775807').success).toBe(true);
    const notDigits = ["1'; drop table users; --", 'x'.repeat(200_000)];
    for (const bad of [
      '9223372036854775808',
      '18446744073709551615',
      '99999999999999999999',
      '0',
      '01',
      '1e3',
      ...notDigits,
    ])
      expect(Id.safeParse(bad).success, bad).toBe(false);
  });

  it('are refused beyond that range wherever a contract takes one, the legacy protocols included', () => {
    const big = '99999999999999999999';
    expect(getPlaylist.request.safeParse({ playlistId: big }).success).toBe(false);
    expect(legacyRoomsJoin.payload.safeParse({ room: big }).success).toBe(false);
    expect(rewindChat.payload.safeParse({ type: 'send', chat_id: big, content: 'hi' }).success).toBe(false);
    expect(
      legacyPlaylistEnter.payload.safeParse({ sio_token: 't', sio_csrf_token: 'c', request_id: 1, playlist_id: big })
        .success,
    ).toBe(false);
  });
});

describe('text a client sends', () => {
  it('is refused with NUL or another control character, wherever it sits in the input', () => {
    expect(issuesOf(createPlaylist.request.safeParse({ name: 'a\u0000b' }))).toEqual([
      { path: 'name', message: 'must not contain control characters' },
    ]);
    expect(
      issuesOf(sendMessage.request.safeParse({ roomId: '1', clientMsgId: 'c\u001b', kind: 'text', text: 'hi' })),
    ).toEqual([{ path: 'clientMsgId', message: 'must not contain control characters' }]);
    expect(legacyRoomsChatMessage.payload.safeParse(JSON.stringify({ type: 'text', text: 'x\u0000' })).success).toBe(
      false,
    );
    expect(rewindChat.payload.safeParse({ type: 'send', chat_id: '1', content: 'bell\u0007' }).success).toBe(false);
  });

  it('keeps tabs and line breaks', () => {
    const parsed = sendMessage.request.safeParse({ roomId: '1', clientMsgId: 'c1', text: 'one\ntwo\r\n\tthree' });
    expect(parsed.success).toBe(true);
  });
});
