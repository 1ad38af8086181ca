import { baseConfigSchema, databaseConfigSchema, loadConfig as load } from '@seed/runtime';
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const playcoConfigSchema = baseConfigSchema.extend(databaseConfigSchema.shape).extend({
  /** Prefix of every Redis key this service writes (to share one Redis between clusters). */
  REDIS_KEY_PREFIX: z.string().default(''),
  PLAYCO_MAX_PLAYLISTS: z.coerce.number().int().min(1).default(5),
  PLAYCO_MAX_ITEMS: z.coerce.number().int().min(1).max(10_000).default(500),
  /** oEmbed endpoint for video metadata; tests point it at a local server. */
  YOUTUBE_OEMBED_URL: z.url({ protocol: /^https?$/ }).default('https://www.youtube.com/oembed'),
  YOUTUBE_OEMBED_TIMEOUT_MS: ms(3_000),
  /** Validity of a legacy Socket.IO token (`/playco_ws`). */
  PLAYCO_SIO_TOKEN_TTL_MS: ms(60 * 60 * 1000),
  /** A socket's session lapses this long after its gateway last refreshed it (a dead replica's sockets leave). */
  PLAYCO_CONNECTION_TTL_MS: ms(45_000),
  /** How often lapsed sessions are looked for and removed. */
  PLAYCO_SWEEP_INTERVAL_MS: ms(5_000),
  PLAYCO_MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).default(10),
  /** How far ahead a leader's play/pause/seek is scheduled, so every member receives it in time. */
  PLAYCO_PLAYBACK_LEAD_MS: ms(400),
});

export type PlaycoConfig = z.output<typeof playcoConfigSchema>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): PlaycoConfig => load(playcoConfigSchema, env);
