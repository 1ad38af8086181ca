/**
 * Real time with the typed client: `ACCESS=<access token> node packages/client/examples/socket.ts`
 * (SEED_URL defaults to http://localhost:8080). Opens the socket, finds or creates the room
 * "Book club", listens to its messages and sends one, which comes back as an event.
 */
import { createClient } from '../src/index.ts';

const client = createClient({
  baseUrl: process.env.SEED_URL ?? 'http://localhost:8080',
  tokens: { accessToken: process.env.ACCESS ?? '' },
});
const socket = client.socket();
try {
  await socket.connected();
  const rooms = await socket.emit('chat:room:list');
  const room =
    rooms.find((r) => r.name === 'Book club') ??
    (await socket.emit('chat:room:create', { kind: 'group', name: 'Book club' }));
  const received = new Promise<void>((resolve) =>
    socket.on('chat:message:created', (m) => {
      console.log(`event chat:message:created in ${room.name}: ${m.text}`);
      resolve();
    }),
  );
  const sent = await socket.emit('chat:message:send', {
    roomId: room.id,
    clientMsgId: crypto.randomUUID(),
    text: 'Hello over the socket',
  });
  console.log(`acknowledged: message ${sent.id}`);
  await received;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  socket.close();
}
