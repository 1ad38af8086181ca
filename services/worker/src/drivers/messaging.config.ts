import { z } from 'zod';

/** How the worker delivers email and SMS; `log` (the default) prints them for local development. */
export const messagingConfigSchema = z.object({
  EMAIL_DRIVER: z.enum(['log', 'smtp']).default('log'),
  /** `smtp://user:pass@host:587` or `smtps://…:465`; required when EMAIL_DRIVER=smtp. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  EMAIL_FROM: z.string().min(3).default('Seed <no-reply@localhost>'),
  SMS_DRIVER: z.enum(['log', 'webhook']).default('log'),
  /** The provider endpoint that receives `POST {to, text}`; required when SMS_DRIVER=webhook. */
  SMS_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** Sent as `Authorization: Bearer <token>` when set. */
  SMS_WEBHOOK_TOKEN: z.string().min(1).optional(),
  SMS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type MessagingConfig = z.output<typeof messagingConfigSchema>;
