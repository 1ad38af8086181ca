import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/** The fields of a Google service-account key that FCM HTTP v1 needs. */
export const ServiceAccount = z.object({
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

/** Reads the service account from inline JSON or from a file path; throws naming what is wrong. */
export function loadServiceAccount(value: string): ServiceAccount {
  const text = value.trimStart().startsWith('{') ? value : existsSync(value) ? readFileSync(value, 'utf8') : undefined;
  if (text === undefined) throw new Error('FCM_CREDENTIALS: neither JSON nor a readable file path');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('FCM_CREDENTIALS: the service account is not JSON');
  }
  const parsed = ServiceAccount.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `FCM_CREDENTIALS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`,
    );
  return parsed.data;
}
