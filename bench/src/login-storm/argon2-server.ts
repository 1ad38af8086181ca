// The login storm's baseline: one plain HTTP process that only checks the password, with the
// same argon2id hasher auth uses. What is left between the two is the cost of the cluster.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { createPasswordHasher } from '../../../services/auth/src/passwords/password-hasher.ts';
import { reportReady } from '../lib/child.ts';

// The same hashes at once as auth runs by default.
const hasher = await createPasswordHasher({ concurrency: Math.max(1, availableParallelism() - 1) });
const stored = await hasher.hash(process.env.BENCH_PASSWORD ?? 'bench password of a user');

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    const { password } = JSON.parse(body) as { password: string };
    const ok = await hasher.verify(stored, password);
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { ok } }));
  });
});
server.listen(0, '127.0.0.1', () => reportReady({ port: (server.address() as AddressInfo).port }));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
