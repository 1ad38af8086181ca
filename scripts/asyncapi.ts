/**
 * Writes the AsyncAPI document of every contract to docs/asyncapi.json.
 *   node scripts/asyncapi.ts [--out docs/asyncapi.json] [--nats host:port] [--gateway host:port]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAsyncApi, registry } from '../packages/contracts/src/index.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'docs', 'asyncapi.json') },
    nats: { type: 'string' },
    gateway: { type: 'string' },
  },
});

const { version } = JSON.parse(readFileSync(join(root, 'packages', 'contracts', 'package.json'), 'utf8'));
const doc = buildAsyncApi(registry, {
  version,
  servers: {
    ...(values.nats ? { nats: values.nats } : {}),
    ...(values.gateway ? { gateway: values.gateway } : {}),
  },
});

const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
// In the repository's own style, so the generated file passes `npm run lint` as it is.
spawnSync('biome', ['format', '--write', out], { cwd: root, stdio: 'ignore' });
process.stdout.write(
  `wrote ${out}: ${Object.keys(doc.channels).length} channels, ${Object.keys(doc.operations).length} operations\n`,
);
