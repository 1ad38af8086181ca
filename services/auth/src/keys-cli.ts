/** Operator command for token signing keys: `npm run auth:keys -- list | rotate [--now]`. */
import {
  createDatabase,
  createLogger,
  migrateDatabase,
  runOperatorCommand,
  UsageError,
  waitForDatabase,
  withDevSecrets,
} from '@seed/runtime';
import { createKeys, migrationsFolder } from './app.ts';
import { loadConfig } from './config.ts';
import * as schema from './db/schema.ts';

const USAGE = `usage: auth:keys list | rotate [--now]
  list           every key with its state (pending, signing, published, expired)
  rotate         a new key, published at once and signing after KEY_ACTIVATION_DELAY_MS
  rotate --now   a new key that signs at once (only safe with one auth replica and gateways
                 that refresh on unknown kids)
env: DATABASE_URL, AUTH_KEYS_SECRET (on a development machine, the one \`npm start\` made in .run/)`;

await runOperatorCommand({
  name: 'auth:keys',
  usage: USAGE,
  options: { now: { type: 'boolean' } },
  async run({ positionals: [command, ...rest], values }) {
    if ((command !== 'list' && command !== 'rotate') || rest.length > 0)
      throw new UsageError(command ? `unknown command ${[command, ...rest].join(' ')}` : 'a command is required');
    if (values.now && command !== 'rotate') throw new UsageError('--now goes with rotate');
    const config = loadConfig(withDevSecrets());
    const logger = createLogger({ service: 'auth-keys', level: 'warn' });
    await waitForDatabase({ url: config.DATABASE_URL, timeoutMs: config.STARTUP_TIMEOUT_MS, logger });
    await migrateDatabase({ url: config.DATABASE_URL, schemaName: 'auth', migrationsFolder, logger });
    const database = createDatabase({ url: config.DATABASE_URL, poolSize: 1, schema, appName: 'auth-keys' });
    try {
      const keys = createKeys(config, database);
      if (command === 'rotate') {
        await keys.ensureKey();
        const { kid, activatesAt } = await keys.rotate(values.now ? 0 : undefined);
        process.stdout.write(`new key ${kid} published; signs from ${activatesAt.toISOString()}\n`);
      }
      const list = await keys.list();
      if (list.length === 0) process.stdout.write('no keys yet: auth creates its first key when it starts\n');
      for (const k of list)
        process.stdout.write(`${k.kid}  ${k.alg}  ${k.state.padEnd(9)}  activates ${k.activatesAt.toISOString()}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
});
