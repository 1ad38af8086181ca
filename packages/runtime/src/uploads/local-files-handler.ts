import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ObjectStore } from '@nats-io/obj';
import type { Redis } from 'ioredis';
import { createFileGrants } from './file-grants.ts';
import { openObjectStore } from './nats-blob-storage.ts';

const fail = (res: ServerResponse, status: number, code: string, message: string) => {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message } }));
};

/** Counts the bytes going through and fails the stream once there are more than `max`. */
function capped(req: IncomingMessage, max: number): { stream: ReadableStream<Uint8Array>; count: () => number } {
  let count = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        count += chunk.length;
        if (count > max) {
          controller.error(new Error('too large'));
          req.destroy();
        } else controller.enqueue(new Uint8Array(chunk));
      });
      req.on('end', () => controller.close());
      req.on('error', (err) => controller.error(err));
    },
  });
  return { stream, count: () => count };
}

/**
 * The gateway's side of the local storage driver: `PUT` streams a granted upload into the object
 * store (exactly the granted size, nothing more), `GET` streams a granted object out.
 */
export function createLocalFilesHandler(deps: { nc: NatsConnection; redis: Redis }) {
  const grants = createFileGrants(deps.redis);
  const buckets = new Map<string, Promise<ObjectStore>>();
  const bucketOf = (bucket: string) => {
    const known = buckets.get(bucket);
    if (known) return known;
    const opened = openObjectStore(deps.nc, bucket);
    buckets.set(bucket, opened);
    return opened;
  };

  return async function handle(token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const grant = await grants.read(token);
    const wanted = req.method === 'PUT' ? 'put' : 'get';
    if (!grant || grant.op !== wanted) return fail(res, 404, 'not_found', 'no such file, or the link expired');
    const objects = await bucketOf(grant.bucket);
    if (grant.op === 'put') {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared !== grant.size)
        return fail(res, 413, 'payload_too_large', `send exactly ${grant.size} bytes`);
      const body = capped(req, grant.size ?? 0);
      try {
        await objects.put({ name: grant.key, options: { max_chunk_size: 128 * 1024 } }, body.stream);
      } catch {
        await objects.delete(grant.key).catch(() => {});
        return fail(res, 413, 'payload_too_large', `send exactly ${grant.size} bytes`);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ data: { size: body.count() } }));
    }
    const object = await objects.get(grant.key);
    if (!object) return fail(res, 404, 'not_found', 'no such file');
    res.writeHead(200, {
      'content-type': grant.contentType,
      'content-length': String(object.info.size),
      'cache-control': 'private, max-age=60',
      'x-content-type-options': 'nosniff',
    });
    Readable.fromWeb(object.data as import('node:stream/web').ReadableStream<Uint8Array>).pipe(res);
  };
}
