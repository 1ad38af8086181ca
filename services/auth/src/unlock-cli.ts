/** Operator command: `npm run auth:unlock -- <email | phone | nickname>` lifts an account's lockout. */
import {
  createDatabase,
  createLogger,
  createRedis,
  loadConfig,
  redisReady,
  runOperatorCommand,
  UsageError,
  waitForDatabase,
  withDevSecrets,
} from '@seed/runtime';
import { createUsersRepository } from './accounts/index.ts';
import { authConfigSchema } from './config.ts';
import * as schema from './db/schema.ts';
import { createLoginLockout } from './limits/index.ts';
import { createAccountUnlock } from './sessions/index.ts';

const USAGE = `usage: auth:unlock <email | phone | nickname>
  Finds the account the way login does and lifts its wrong-password lockout, so its owner can
  sign in again at once. Says when the account was not locked; exits 1 when none matches.
env: DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX (auth's)`;

const configSchema = authConfigSchema.pick({
  NODE_ENV: true,
  DATABASE_URL: true,
  REDIS_URL: true,
  REDIS_KEY_PREFIX: true,
  STARTUP_TIMEOUT_MS: true,
});

const minutes = (ms: number) => `${Math.ceil(ms / 60_000)} min`;

await runOperatorCommand({
  name: 'auth:unlock',
  usage: USAGE,
  async run({ positionals }) {
    const [login, ...rest] = positionals;
    if (!login || rest.length > 0) throw new UsageError('name one account');
    const config = loadConfig(configSchema, withDevSecrets());
    const logger = createLogger({ service: 'auth-unlock', level: 'warn' });
    await waitForDatabase({ url: config.DATABASE_URL, timeoutMs: config.STARTUP_TIMEOUT_MS, logger });
    const database = createDatabase({ url: config.DATABASE_URL, poolSize: 1, schema, appName: 'auth-unlock' });
    const redis = createRedis({ url: config.REDIS_URL, name: 'auth-unlock', logger });
    try {
      await redisReady(redis, { url: config.REDIS_URL, timeoutMs: config.STARTUP_TIMEOUT_MS });
      const unlock = createAccountUnlock({
        users: createUsersRepository(database.db),
        lockout: createLoginLockout(redis, { keyPrefix: config.REDIS_KEY_PREFIX }),
      });
      const done = await unlock.unlock(login);
      if (!done) {
        process.stderr.write(`auth:unlock: no account has the email, phone or nickname ${login}\n`);
        return 1;
      }
      const { user, wasLockedForMs } = done;
      const who = `${user.nickname} (id ${user.id}, ${user.email}${user.phone ? `, ${user.phone}` : ''})`;
      process.stdout.write(
        wasLockedForMs > 0
          ? `unlocked ${who}: it was locked for another ${minutes(wasLockedForMs)}\n`
          : `${who} was not locked; nothing to do\n`,
      );
      return 0;
    } finally {
      redis.disconnect();
      await database.close();
    }
  },
});
