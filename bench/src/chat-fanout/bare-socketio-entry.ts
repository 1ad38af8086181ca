// The baseline: one Socket.IO server alone, relaying each `msg` to the room: no tokens, no NATS,
// no database, no Redis.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { reportReady } from '../lib/child.ts';

const http = createServer();
const io = new Server(http, { path: '/api/v1/ws', serveClient: false });
io.on('connection', (socket) => {
  socket.join('room:fanout');
  socket.on('msg', (data: unknown) => io.to('room:fanout').emit('msg', data));
});
http.listen(0, '127.0.0.1', () => reportReady({ port: (http.address() as AddressInfo).port }));
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
