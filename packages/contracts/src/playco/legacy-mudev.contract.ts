import { z } from 'zod';

// The MUdev web client's REST API (SPEC §3: the PlayCo site, on the FROST framework), in the
// client's own spellings. The gateway serves it under `/legacy/mudev/` by calling auth's and
// playco's contracts; these are the bodies it accepts. Every reply is FROST's envelope.

/** Where the gateway serves the MUdev web client's REST API (the client's base URL). */
export const LEGACY_MUDEV_PREFIX = '/legacy/mudev';

/** The refresh token's cookie, sent back by the browser to the account routes only. */
export const LEGACY_MUDEV_REFRESH_COOKIE = 'refresh_token';

/**
 * FROST's reply to every request: `code` repeats the HTTP status, `sub_code` is what the client
 * branches on (`resource.result`, `user.wrong_password`, `resource.prediction_failed`…).
 */
export const FrostEnvelope = z.object({
  success: z.boolean(),
  code: z.number().int(),
  sub_code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type FrostEnvelope = z.infer<typeof FrostEnvelope>;

/** `POST account/signin`: `id` is the account's email or nickname. */
export const MudevSignIn = z.object({
  id: z.string().trim().min(1).max(254),
  pw: z.string().min(1).max(256),
});

/** `POST account/signup`: `id` becomes the nickname (the handle one signs in with), `nick` the name shown. */
export const MudevSignUp = z.object({
  id: z.string().trim(),
  pw: z.string(),
  nick: z.string().trim(),
  email: z.string().trim(),
});

/** A playlist's settings as the client sends them; `public_accessable` lets anyone signed in open it. */
export const MudevPlaylistConfig = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).nullish(),
  allow_duplicate: z.boolean().optional(),
  public_accessable: z.boolean().optional(),
  public_item_appendable: z.boolean().optional(),
  public_item_orderable: z.boolean().optional(),
  public_item_deletable: z.boolean().optional(),
});

/** `PATCH playco/playlists/:id`: any of the settings. */
export const MudevPlaylistChange = MudevPlaylistConfig.partial();

/** `POST playco/playlists/:id/items/`: a YouTube link, at `index` or else at the end. */
export const MudevNewItem = z.object({
  link: z.string().trim().min(1).max(2048),
  index: z.number().int().min(0).optional(),
});

/** `PATCH playco/playlists/:id/items/:index`: the item with this link moves to `index`. */
export const MudevMovedItem = z.object({ link: z.string().trim().min(1).max(2048) });

/** `POST playco/socketio/auth`: the `/playco_ws` socket's id and a secret of the client's. */
export const MudevSioAuth = z.object({
  sid: z.string().min(1).max(128),
  sio_csrf_token: z.string().min(8).max(256),
});
