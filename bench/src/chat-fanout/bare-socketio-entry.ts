// The baseline: Socket.IO alone, two such processes sharing one room through the Redis adapter,
// relaying each `msg` to the room: no tokens, no NATS, no database.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { reportReady } from '../lib/child.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const pub = new Redis(redisUrl);
const sub = pub.duplicate();
const http = createServer();
const io = new Server(http, {
  path: '/api/v1/ws',
  serveClient: false,
  adapter: createAdapter(pub, sub, { key: 'bare' }),
});
io.on('connection', (socket) => {
  socket.join('room:fanout');
  socket.on('msg', (data: unknown) => io.to('room:fanout').emit('msg', data));
});
http.listen(0, '127.0.0.1', () => reportReady({ port: (http.address() as AddressInfo).port }));
process.on('SIGTERM', () => {
  io.close();
  void Promise.allSettled([pub.quit(), sub.quit()]).then(() => process.exit(0));
});
