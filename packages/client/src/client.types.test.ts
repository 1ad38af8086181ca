import type { Message, PlaybackState, Playlist, PlaylistDetail, SessionTokens } from '@seed/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import type { ApiError } from './api-error.ts';
import { createClient } from './client.ts';

// Checked by `tsc` (npm run typecheck): an `@ts-expect-error` that no longer errors fails the build.
// The calls sit in functions that never run.

const client = createClient({ baseUrl: 'http://127.0.0.1:9' });

describe('client types', () => {
  it('types each method by its contract: input, reply and paging', () => {
    expectTypeOf(client.auth.session.create).parameter(0).toEqualTypeOf<{ login: string; password: string }>();
    expectTypeOf(client.auth.session.create).returns.resolves.toEqualTypeOf<SessionTokens>();
    expectTypeOf(client.playco.playlist.get).returns.resolves.toEqualTypeOf<PlaylistDetail>();
    expectTypeOf(client.chat.friendRequest.send).parameter(0).toEqualTypeOf<{ nickname: string }>();
    expectTypeOf(client.playco.playlist.browse.each).returns.toEqualTypeOf<AsyncIterableIterator<Playlist>>();
    expectTypeOf(client.chat.message.list.each).returns.toEqualTypeOf<AsyncIterableIterator<Message>>();
    expectTypeOf(client.upload<'chat'>)
      .parameter(1)
      .toHaveProperty('purpose')
      .toEqualTypeOf<'chat_image'>();
  });

  it('refuses a wrong body, an unknown method and an internal operation at compile time', () => {
    const never = () => {
      // @ts-expect-error text must be a string
      void client.chat.message.send({ roomId: '1', clientMsgId: 'a', text: 42 });
      // @ts-expect-error the playlist id is required
      void client.playco.playlist.get({});
      // @ts-expect-error no such operation
      void client.chat.message.shout({});
      // @ts-expect-error internal operations have no HTTP route, so no method
      void client.auth.user.get({ ids: ['1'] });
      // @ts-expect-error socket-only operations have no method either
      void client.playco.clock.ping({});
      // @ts-expect-error avatars are auth's purpose, not chat's
      void client.upload('chat', { purpose: 'avatar', body: new Uint8Array() });
    };
    expectTypeOf(never).toBeFunction();
  });

  it('types socket events both ways', () => {
    const never = () => {
      const socket = client.socket({ autoConnect: false });
      expectTypeOf(socket.emit<'chat:message:send'>).returns.resolves.toEqualTypeOf<Message>();
      expectTypeOf(socket.emit<'playco:playback:control'>).returns.resolves.toEqualTypeOf<{
        playback: PlaybackState;
      }>();
      socket.on('chat:message:created', (message) => expectTypeOf(message).toEqualTypeOf<Message>());
      socket.on('playco:playback:changed', ({ playback }) => expectTypeOf(playback).toEqualTypeOf<PlaybackState>());
      // @ts-expect-error a wrong payload
      void socket.emit('chat:typing:start', { room: '1' });
      // @ts-expect-error the legacy protocols' events are not on namespace `/`
      socket.on('PLAYLIST_USER_ENTERED', () => {});
    };
    expectTypeOf(never).toBeFunction();
  });

  it('throws the API error shape', () => {
    expectTypeOf<ApiError['code']>().toExtend<string>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
  });
});
