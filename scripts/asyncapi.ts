/**
 * Writes the AsyncAPI documents of the contracts: what clients use (docs/asyncapi.json, also served
 * at /docs/asyncapi.json) and, for operators, everything on NATS besides (docs/asyncapi-operators.json).
 *   node scripts/asyncapi.ts [--out docs] [--nats host:port] [--gateway host:port]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAsyncApi, registry } from '../packages/contracts/src/index.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'docs') },
    nats: { type: 'string' },
    gateway: { type: 'string' },
  },
});

const { version } = JSON.parse(readFileSync(join(root, 'packages', 'contracts', 'package.json'), 'utf8'));
const servers = {
  ...(values.nats ? { nats: values.nats } : {}),
  ...(values.gateway ? { gateway: values.gateway } : {}),
};
const dir = resolve(values.out);
mkdirSync(dir, { recursive: true });
for (const [file, audience] of [
  ['asyncapi.json', 'clients'],
  ['asyncapi-operators.json', 'operators'],
] as const) {
  const doc = buildAsyncApi(registry, { version, servers, audience });
  const out = join(dir, file);
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  // In the repository's own style, so the generated file passes `npm run lint` as it is.
  spawnSync('biome', ['format', '--write', out], { cwd: root, stdio: 'ignore' });
  process.stdout.write(
    `wrote ${out} (${audience}): ${Object.keys(doc.channels).length} channels, ${Object.keys(doc.operations).length} operations\n`,
  );
}
