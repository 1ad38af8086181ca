/**
 * Operator command for token signing keys:
 *   pnpm auth:keys list                 every key with its state (pending, signing, published, expired)
 *   pnpm auth:keys rotate [--now]       a new key, published at once and signing after
 *                                       KEY_ACTIVATION_DELAY_MS (`--now`: at once; only safe with
 *                                       one auth replica and gateways that refresh on unknown kids)
 */
import { configOrExit, createDatabase, createLogger, migrateDatabase } from '@seed/runtime';
import { createKeys, migrationsFolder } from './app.ts';
import { loadConfig } from './config.ts';
import * as schema from './db/schema.ts';

const [command, flag] = process.argv.slice(2);
if (command !== 'list' && command !== 'rotate') {
  process.stderr.write('usage: auth:keys list | rotate [--now]\n');
  process.exit(2);
}
const config = configOrExit(() => loadConfig());
const logger = createLogger({ service: 'auth-keys', level: 'warn' });
await migrateDatabase({ url: config.DATABASE_URL, schemaName: 'auth', migrationsFolder, logger });
const database = createDatabase({ url: config.DATABASE_URL, poolSize: 1, schema, appName: 'auth-keys' });
try {
  const keys = createKeys(config, database);
  if (command === 'rotate') {
    await keys.ensureKey();
    const { kid, activatesAt } = await keys.rotate(flag === '--now' ? 0 : undefined);
    process.stdout.write(`new key ${kid} published; signs from ${activatesAt.toISOString()}\n`);
  }
  const list = await keys.list();
  if (list.length === 0) process.stdout.write('no keys yet: auth creates its first key when it starts\n');
  for (const k of list)
    process.stdout.write(`${k.kid}  ${k.alg}  ${k.state.padEnd(9)}  activates ${k.activatesAt.toISOString()}\n`);
} finally {
  await database.close();
}
