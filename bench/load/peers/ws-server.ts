import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * The plain `ws` peer: rooms are sets of sockets; each comment is serialized to JSON once and sent
 * to every member of its room as it arrives. Default options (no compression); no authentication.
 */

interface Incoming {
  readonly t?: unknown;
  readonly room?: unknown;
  readonly cid?: unknown;
  readonly text?: unknown;
  readonly color?: unknown;
  readonly mode?: unknown;
}

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
let nextId = 0;

function parse(data: WebSocket.RawData): Incoming | undefined {
  try {
    const value: unknown = JSON.parse(
      Buffer.isBuffer(data)
        ? data.toString()
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString(),
    );
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

wss.on('connection', (ws, req) => {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const user = query.get('user') ?? 'anonymous';
  const name = query.get('name') ?? user;
  const joined = new Set<string>();
  ws.on('message', (data) => {
    const msg = parse(data);
    if (msg === undefined) return;
    if (msg.t === 'join' && typeof msg.room === 'string') {
      let members = rooms.get(msg.room);
      if (members === undefined) rooms.set(msg.room, (members = new Set()));
      members.add(ws);
      joined.add(msg.room);
      ws.send(JSON.stringify({ t: 'joined', room: msg.room }));
    } else if (msg.t === 'comment' && typeof msg.room === 'string' && typeof msg.text === 'string') {
      const id = (nextId++).toString(36);
      const json = JSON.stringify({
        id,
        userId: user,
        userName: name,
        text: msg.text,
        color: Number(msg.color) || 0,
        mode: Number(msg.mode) || 0,
        sentAtMs: Date.now(),
      });
      for (const member of rooms.get(msg.room) ?? []) member.send(json);
      ws.send(JSON.stringify({ t: 'ack', cid: msg.cid, ok: true, id }));
    }
  });
  ws.on('close', () => {
    for (const room of joined) {
      const members = rooms.get(room);
      members?.delete(ws);
      if (members?.size === 0) rooms.delete(room);
    }
  });
});

wss.on('listening', () => process.stdout.write(`listening ${(wss.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => process.exit(0));
