import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * The Socket.IO 4 peer: what a team would write first. Rooms are Socket.IO rooms; each comment is
 * emitted to its room as it arrives (Socket.IO encodes a broadcast once and writes it to every member).
 * Default options; no authentication.
 */

interface CommentIn {
  readonly room?: unknown;
  readonly text?: unknown;
  readonly color?: unknown;
  readonly mode?: unknown;
}

const http = createServer();
const io = new Server(http, { serveClient: false });
let nextId = 0;

io.on('connection', (socket) => {
  const user = String(socket.handshake.query.user ?? 'anonymous');
  const name = String(socket.handshake.query.name ?? user);
  socket.on('join', (room: unknown, ack: unknown) => {
    if (typeof room === 'string') void socket.join(room);
    if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: typeof room === 'string' });
  });
  socket.on('comment', (comment: CommentIn, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => undefined;
    if (typeof comment?.room !== 'string' || typeof comment.text !== 'string') return reply({ ok: false });
    const id = (nextId++).toString(36);
    io.to(comment.room).emit('danmaku', {
      id,
      userId: user,
      userName: name,
      text: comment.text,
      color: Number(comment.color) || 0,
      mode: Number(comment.mode) || 0,
      sentAtMs: Date.now(),
    });
    reply({ ok: true, id });
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
