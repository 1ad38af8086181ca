import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const common = new Set(
  readFileSync(join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is refused (empty when it is acceptable). */
export function passwordProblems(password: string, account: { email: string; nickname: string }): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const local = account.email.toLowerCase().split('@')[0] ?? '';
  if (lower === account.email.toLowerCase() || (local.length >= 4 && lower === local))
    problems.push('must not be the email address');
  if (lower === account.nickname.toLowerCase()) problems.push('must not be the nickname');
  if (common.has(lower)) problems.push('is a commonly used password');
  if (new Set(password).size <= 2) problems.push('must not repeat one or two characters');
  return problems;
}
