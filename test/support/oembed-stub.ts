import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A 1×1 PNG, so pages show a thumbnail without reaching YouTube.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A stand-in for YouTube's oEmbed: every video exists, titled `Video <id>`, with a thumbnail served here. */
export async function startOembedStub(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/thumb.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
    const id = new URL(url.searchParams.get('url') ?? '', 'https://www.youtube.com').searchParams.get('v') ?? 'video';
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ type: 'video', version: '1.0', title: `Video ${id}`, thumbnail_url: `${base}/thumb.png` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/oembed`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
