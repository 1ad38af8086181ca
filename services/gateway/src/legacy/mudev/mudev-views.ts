import type { Playlist, PlaylistDetail, PlaylistItem, Profile, SessionTokens } from '@seed/contracts';

/**
 * The platform's users, playlists and items as the MUdev client reads them (FROST's `to_dict`s).
 * Ids stay decimal strings: the client only passes them on (into URLs, `playlist_id`, `!=`
 * comparisons and React keys), where a string keeps every digit that a JavaScript number would round.
 */

/** `id` is the handle one signs in with (the platform's nickname), `nickname` the name shown. */
export const mudevUser = (user: Profile) => ({
  uuid: user.id,
  id: user.nickname,
  nickname: user.name ?? user.nickname,
  email: user.email,
  email_verified: user.emailVerified,
  description: '',
  profile_image: user.avatarUrl,
  created_at: user.createdAt,
});

/** A session's tokens where FROST puts them: the user, with the access token and its expiry. */
export const mudevSignedIn = (tokens: SessionTokens, now = Date.now()) => ({
  user: {
    ...mudevUser(tokens.user),
    access_token: { token: tokens.accessToken, exp: new Date(now + tokens.expiresIn * 1000).toISOString() },
  },
});

/** Nicknames of the users a playlist names, by id. */
export type Nicknames = ReadonlyMap<string, string>;

export const mudevItem = (item: PlaylistItem, nicknames: Nicknames) => ({
  res_type: 'playco_playlist_item',
  uuid: item.id,
  index: item.position,
  added_by_uuid: item.addedBy,
  added_by_nick: nicknames.get(item.addedBy) ?? '',
  name: item.title,
  data: null,
  original_link: item.url,
  link: item.url,
  link_type: 'youtube',
  link_id: item.videoId,
});

/**
 * A playlist, with its items when given them. Never with `blocked_at`: the client takes a
 * playlist that has that field, even null, for one an operator blocked.
 */
export function mudevPlaylist(playlist: Playlist | PlaylistDetail, nicknames: Nicknames, index = 0) {
  return {
    res_type: 'playco_playlist',
    uuid: playlist.id,
    index,
    name: playlist.name,
    description: playlist.description,
    config: null,
    created_by_uuid: playlist.ownerId,
    created_by_nick: nicknames.get(playlist.ownerId) ?? '',
    allow_duplicate: playlist.allowDuplicate,
    public_accessable: playlist.publicReadable,
    // Only the owner changes a playlist's settings on the platform.
    public_modifiable: false,
    public_item_appendable: playlist.publicItemAppendable,
    public_item_orderable: playlist.publicItemOrderable,
    public_item_deletable: playlist.publicItemDeletable,
    item_count: playlist.itemCount,
    ...('items' in playlist ? { items: playlist.items.map((item) => mudevItem(item, nicknames)) } : {}),
  };
}

/** The user ids a playlist names: its owner, and whoever added its items. */
export const namedUsers = (playlist: Playlist | PlaylistDetail): string[] => [
  ...new Set([playlist.ownerId, ...('items' in playlist ? playlist.items.map((i) => i.addedBy) : [])]),
];

/** The playlist settings the client sends, in the platform's names. */
export function platformFlags(config: {
  allow_duplicate?: boolean | undefined;
  public_accessable?: boolean | undefined;
  public_item_appendable?: boolean | undefined;
  public_item_orderable?: boolean | undefined;
  public_item_deletable?: boolean | undefined;
}) {
  const flags = {
    allowDuplicate: config.allow_duplicate,
    publicReadable: config.public_accessable,
    publicItemAppendable: config.public_item_appendable,
    publicItemOrderable: config.public_item_orderable,
    publicItemDeletable: config.public_item_deletable,
  };
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<
    Record<keyof typeof flags, boolean>
  >;
}
