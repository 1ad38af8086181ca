/**
 * Writes the AsyncAPI documents of the contracts: what clients use (docs/asyncapi.json, also served
 * at /docs/asyncapi.json) and, for operators, everything on NATS besides (docs/asyncapi-operators.json).
 *   node scripts/asyncapi.ts [--out docs] [--nats host:port] [--gateway host:port]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAsyncApi, registry } from '../packages/contracts/src/index.ts';
import { runOperatorCommand } from '../packages/runtime/src/cli/operator-command.ts';

const root = join(import.meta.dirname, '..');
const USAGE = `usage: docs:asyncapi [--out dir] [--nats host:port] [--gateway host:port]
  Writes the AsyncAPI documents of the contracts into dir (docs/ by default):
  asyncapi.json            what clients use (Socket.IO events, raw WebSocket frames)
  asyncapi-operators.json  every NATS request, event and job besides, internal ones included`;

await runOperatorCommand({
  name: 'docs:asyncapi',
  usage: USAGE,
  options: {
    out: { type: 'string', default: join(root, 'docs') },
    nats: { type: 'string' },
    gateway: { type: 'string' },
  },
  run: ({ values }) => write(values as { out: string; nats?: string; gateway?: string }),
});

function write(values: { out: string; nats?: string; gateway?: string }) {
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
  return 0;
}
