import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import { loadNativeUws } from '../../../src/gateway/uws.js';
import { decodeClientFrame, encodeServerFrame as encode, type DanmakuProps } from '../../../src/protocol/codec.js';

/**
 * The bare ceiling of this stack: uWebSockets.js and the same protobuf frames as this server, and
 * nothing else — no authentication (the poster's token payload is read, not verified), no limits,
 * no history, no moderation, no metrics, no deflate. Comments are batched per room per tick with
 * this server's policy (the first comment into a room quiet for a tick goes out on the next turn of
 * the event loop; a busy room at most once per BATCH_INTERVAL_MS) and published once per batch to a
 * uWS topic. Each comment is answered with one constant ack frame at once: the load generator
 * counts acks, nothing reads their fields. Same workload, no features: what this server costs
 * above it is what its features and its code cost.
 */

const BATCH_INTERVAL_MS = Number(process.env.BATCH_INTERVAL_MS ?? 50);

interface User {
  readonly id: string;
  readonly name: string;
}

interface Pending {
  readonly items: DanmakuProps[];
}

interface SocketData {
  readonly user: User;
}

const ANONYMOUS: User = { id: '', name: '' };

const WELCOME = encode({ welcome: { sessionId: 'bare', nodeId: 'bare', heartbeatIntervalMs: 25_000 } });
const ACK = encode({ ack: { ok: true } });
// A room's stream position, as this server stamps it: the same fields, so the same bytes per batch.
const EPOCH = randomBytes(6).toString('base64url');
const ID_PREFIX = randomBytes(4).toString('base64url');

const pending = new Map<string, Pending>();
const lastFlushAt = new Map<string, number>();
const seqs = new Map<string, number>();
let nextId = 0;

/** The token's claims, unverified: enough to give danmaku the poster's id and name. */
function userOf(authorization: string): User {
  const payload = authorization.split('.')[1];
  if (payload === undefined) return ANONYMOUS;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: unknown; name?: unknown };
    return {
      id: typeof claims.sub === 'string' ? claims.sub : '',
      name: typeof claims.name === 'string' ? claims.name : '',
    };
  } catch {
    return ANONYMOUS;
  }
}

function flush(app: uWS.TemplatedApp, room: string): void {
  const batch = pending.get(room);
  if (batch === undefined) return;
  pending.delete(room);
  lastFlushAt.set(room, Date.now());
  const seq = (seqs.get(room) ?? 0) + 1;
  seqs.set(room, seq);
  app.publish(`r/${room}`, encode({ batch: { room, items: batch.items, epoch: EPOCH, seq } }), true, false);
}

function add(app: uWS.TemplatedApp, room: string, item: DanmakuProps): void {
  let batch = pending.get(room);
  if (batch === undefined) {
    batch = { items: [] };
    pending.set(room, batch);
    const sinceFlush = Date.now() - (lastFlushAt.get(room) ?? 0);
    if (sinceFlush >= BATCH_INTERVAL_MS) setImmediate(() => flush(app, room));
    else setTimeout(() => flush(app, room), BATCH_INTERVAL_MS - sinceFlush);
  }
  batch.items.push(item);
}

const app = loadNativeUws().App();
app.ws<SocketData>('/ws', {
  compression: uWS.DISABLED,
  idleTimeout: 0,
  maxPayloadLength: 64 * 1024,
  maxBackpressure: 64 * 1024 * 1024,
  upgrade: (res, req, context) => {
    res.upgrade<SocketData>(
      { user: userOf(req.getHeader('authorization')) },
      req.getHeader('sec-websocket-key'),
      req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  },
  open: (ws) => {
    ws.send(WELCOME, true);
  },
  message: (ws, message) => {
    const decoded = decodeClientFrame(new Uint8Array(message));
    if (!decoded.ok) return;
    const frame = decoded.frame;
    if (frame.kind === 'join') {
      const room = frame.join.room;
      ws.subscribe(`r/${room}`);
      ws.send(encode({ joined: { room, epoch: EPOCH, lastSeq: seqs.get(room) ?? 0 } }), true);
    } else if (frame.kind === 'comment') {
      const { room, text, color, mode } = frame.comment;
      const user = ws.getUserData().user;
      add(app, room, {
        id: `${ID_PREFIX}${(nextId++).toString(36)}`,
        userId: user.id,
        userName: user.name,
        text,
        color,
        mode,
        sentAtMs: Date.now(),
      });
      ws.send(ACK, true);
    }
  },
});
app.listen('127.0.0.1', Number(process.env.PORT ?? 0), (socket) => {
  if (!socket) throw new Error('bare server: cannot listen');
  process.stdout.write(`listening ${uWS.us_socket_local_port(socket)}\n`);
});
process.on('SIGTERM', () => process.exit(0));
