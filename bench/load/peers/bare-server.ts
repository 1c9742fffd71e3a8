import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import { loadNativeUws } from '../../../src/gateway/uws.js';
import { decodeClientFrame, encodeServerFrame as encode, type DanmakuProps } from '../../../src/protocol/codec.js';

/**
 * The bare ceiling of this stack: uWebSockets.js and the same protobuf frames as this server, and
 * nothing else — no authentication (the poster's token payload is read, not verified), no limits,
 * no history, no moderation, no metrics, no deflate. Comments are batched per room per tick with
 * this server's policy on one node (the first comment into a room quiet for a tick goes out at the
 * next BATCH_ALIGN_MS boundary of the wall clock, a busy room at the first boundary once
 * BATCH_INTERVAL_MS since its last batch passed; the rooms due at one boundary share one timer) and
 * published once per batch to a uWS topic. Each comment is answered with one constant ack frame at once: the load generator
 * counts acks, nothing reads their fields. Same workload, no features: what this server costs
 * above it is what its features and its code cost.
 */

const BATCH_INTERVAL_MS = Number(process.env.BATCH_INTERVAL_MS ?? 50);
// This server's default on one node (src/config/config.ts); 0 = the next turn.
const BATCH_ALIGN_MS = Number(process.env.BATCH_ALIGN_MS ?? 5);

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
/** Rooms due at each boundary (ms since the epoch), flushed by one timer. */
const due = new Map<number, string[]>();

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

/**
 * When a room's batch goes out, as src/rooms/batcher.ts decides it: a quiet room at the next
 * boundary after now, a busy one at the first boundary at or after its interval has passed.
 */
function flushTime(now: number, sinceFlush: number): number {
  if (BATCH_ALIGN_MS <= 0) return sinceFlush >= BATCH_INTERVAL_MS ? now : now + BATCH_INTERVAL_MS - sinceFlush;
  if (sinceFlush >= BATCH_INTERVAL_MS) return now + BATCH_ALIGN_MS - (now % BATCH_ALIGN_MS);
  const at = now + BATCH_INTERVAL_MS - sinceFlush;
  return at + ((BATCH_ALIGN_MS - (at % BATCH_ALIGN_MS)) % BATCH_ALIGN_MS);
}

function flushAt(app: uWS.TemplatedApp, room: string, now: number, at: number): void {
  if (at <= now) {
    setImmediate(() => flush(app, room));
    return;
  }
  const rooms = due.get(at);
  if (rooms !== undefined) {
    rooms.push(room);
    return;
  }
  const first = [room];
  due.set(at, first);
  setTimeout(() => {
    due.delete(at);
    for (const r of first) flush(app, r);
  }, at - now);
}

function add(app: uWS.TemplatedApp, room: string, item: DanmakuProps): void {
  let batch = pending.get(room);
  if (batch === undefined) {
    batch = { items: [] };
    pending.set(room, batch);
    const now = Date.now();
    const sinceFlush = now - (lastFlushAt.get(room) ?? 0);
    flushAt(app, room, now, flushTime(now, sinceFlush));
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
