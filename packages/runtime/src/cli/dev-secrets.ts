import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm start` keeps the secrets it made for this checkout (ignored by git). */
export const DEV_SECRETS_FILE = join(import.meta.dirname, '..', '..', '..', '..', '.run', 'dev-secrets.json');

const read = (file: string): Record<string, string> =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};

/**
 * The development secrets, made once (random) and kept in `file`. Secrets never have defaults in
 * code: a developer's machine gets its own, and every command run on it reads the same ones.
 */
export function ensureDevSecrets(names: readonly string[], file = DEV_SECRETS_FILE): Record<string, string> {
  const secrets = read(file);
  for (const name of names) secrets[name] ??= randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * `env` with the development secrets `npm start` made filling what it does not set, so an
 * operator command run on a developer's machine reaches the cluster `npm start` runs. Never in
 * production, where every secret comes from the environment.
 */
export function withDevSecrets(env: NodeJS.ProcessEnv = process.env, file = DEV_SECRETS_FILE): NodeJS.ProcessEnv {
  if (env.NODE_ENV === 'production') return env;
  return { ...read(file), ...env };
}
