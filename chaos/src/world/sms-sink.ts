import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sms {
  to: string;
  text: string;
  /** The job id the worker sends as `Idempotency-Key`. */
  key: string;
  at: number;
}

/** An SMS provider of the run's own: the worker's webhook driver POSTs `{to, text}` here. */
export async function startSmsSink(): Promise<{ url: string; received: Sms[]; stop(): Promise<void> }> {
  const received: Sms[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        const { to, text } = JSON.parse(body) as { to: string; text: string };
        received.push({ to, text, key: String(req.headers['idempotency-key'] ?? ''), at: Date.now() });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
