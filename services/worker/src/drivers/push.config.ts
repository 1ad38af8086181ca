import { z } from 'zod';

/** How the worker delivers pushes; `log` (the default) prints them for local development. */
export const pushConfigSchema = z.object({
  PUSH_DRIVER: z.enum(['log', 'fcm']).default('log'),
  /** The Firebase service-account JSON, inline or as a path to the file; required when PUSH_DRIVER=fcm. */
  FCM_CREDENTIALS: z.string().min(1).optional(),
  /** FCM HTTP v1 root (tests point it at a local server). */
  FCM_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://fcm.googleapis.com'),
  /** OAuth token endpoint; the service account's `token_uri` when unset. */
  FCM_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  FCM_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type PushConfig = z.output<typeof pushConfigSchema>;
