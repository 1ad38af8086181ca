import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A 1×1 PNG: every thumbnail, so pages show one without reaching YouTube.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A local stand-in for YouTube's oEmbed endpoint, serving the thumbnails it names. Video ids decide
 * the answer: `missing…` is 404, `private…` 401, `broken…` 500, `garbled…` a body that is not
 * oEmbed, `slowslow…` never answers in time; any other id is a video titled `Video <id>`.
 */
export async function startFakeOembed() {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/vi/')) return void res.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
    const target = url.searchParams.get('url') ?? '';
    requests.push(target);
    const id = new URL(target, 'https://www.youtube.com').searchParams.get('v') ?? '';
    if (url.pathname !== '/oembed' || url.searchParams.get('format') !== 'json') {
      res.writeHead(400).end('Bad Request');
    } else if (id.startsWith('missing')) {
      res.writeHead(404).end('Not Found');
    } else if (id.startsWith('private')) {
      res.writeHead(401).end('Unauthorized');
    } else if (id.startsWith('broken')) {
      res.writeHead(500).end('oops');
    } else if (id.startsWith('garbled')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"html": 1}');
    } else if (id.startsWith('slowslow')) {
      setTimeout(() => res.writeHead(200).end('{}'), 5_000).unref();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          type: 'video',
          version: '1.0',
          title: `Video ${id}`,
          author_name: 'Someone',
          thumbnail_url: `${base}/vi/${id}/hqdefault.jpg`,
        }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/oembed`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
