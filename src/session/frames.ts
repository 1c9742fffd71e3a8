import {
  ErrorCode,
  encodeServerFrame,
  putString,
  stringFieldBytes,
  utf8Length,
  varintLength,
  writeVarint,
} from '../protocol/codec.js';
import type { danmaku } from '../protocol/generated/danmaku.js';

/** The fields of an ack, as the comment pipeline answers a comment. */
export type AckFields = danmaku.v1.Ack.$Properties;

/** What `welcome` tells a client about its session and this node. */
export interface WelcomeFields {
  readonly sessionId: string;
  readonly nodeId: string;
  /** How often the client should send `ping` (ms). */
  readonly heartbeatIntervalMs: number;
  /** The token's `sub`, '' when the connection has no token. */
  readonly userId: string;
  /** The token's `exp` in ms since the epoch; 0 without a token. */
  readonly tokenExpiresAtMs: number;
}

/** What `refreshed` tells a client: its token's new expiry (code OK), or why the new token was refused. */
export interface RefreshedFields {
  readonly code: ErrorCode;
  readonly message: string;
  /** ms since the epoch; 0 when refused. */
  readonly tokenExpiresAtMs: number;
  /** Rooms left because the new token no longer allows posting in them. */
  readonly leftRooms: string[];
}

/** What `joined` tells a client: where the room's live batches continue, and how the join went. */
export interface JoinedFields {
  readonly room: string;
  readonly epoch: string;
  /** The seq live batches continue after. */
  readonly lastSeq: number;
  /** Viewers of the whole room (all nodes), the joiner included. */
  readonly viewers: number;
  readonly outcome: 'fresh' | 'resumed' | 'gap';
  /** CompactBatch.room_alias of the room's live batches for a compact connection; 0 for others. */
  readonly roomAlias: number;
}

// The one place each ServerFrame the session answers with is built. Each returns the encoded frame.

export function welcomeFrame(welcome: WelcomeFields): Uint8Array {
  return encodeServerFrame({
    welcome: {
      sessionId: welcome.sessionId,
      nodeId: welcome.nodeId,
      heartbeatIntervalMs: welcome.heartbeatIntervalMs,
      serverTimeMs: Date.now(),
      userId: welcome.userId,
      tokenExpiresAtMs: welcome.tokenExpiresAtMs,
    },
  });
}

export function refreshedFrame(refreshed: RefreshedFields): Uint8Array {
  return encodeServerFrame({ refreshed: { ...refreshed, serverTimeMs: Date.now() } });
}

export function joinedFrame(joined: JoinedFields): Uint8Array {
  return encodeServerFrame({
    joined: {
      room: joined.room,
      epoch: joined.epoch,
      lastSeq: joined.lastSeq,
      viewers: joined.viewers,
      resumed: joined.outcome === 'resumed',
      gap: joined.outcome === 'gap',
      roomAlias: joined.roomAlias,
    },
  });
}

export function leftFrame(room: string): Uint8Array {
  return encodeServerFrame({ left: { room } });
}

const ACK_TAG = (4 << 3) | 2; // ServerFrame.ack, length-delimited
const ACK_CLIENT_MSG_ID_TAG = (1 << 3) | 2;
const ACK_OK_TAG = (2 << 3) | 0;
const ACK_CODE_TAG = (3 << 3) | 0;
const ACK_SEQ_TAG = (4 << 3) | 0;
const ACK_ID_TAG = (5 << 3) | 2;
const ACK_RETRY_AFTER_TAG = (6 << 3) | 0;

/**
 * `ServerFrame{ack}`, byte for byte what the generated encoder writes (proto3: default values left
 * out; test/session/frames.test.ts compares them), written straight into one pooled Buffer. One
 * ack goes out per comment, and protobufjs's writer allocates an object per field and a fork per
 * nested message: in rooms of two, where every comment is a batch of its own, that garbage was
 * a visible part of the GC time per comment (docs/benchmarks.md).
 */
export function ackFrame(ack: AckFields): Uint8Array {
  const clientMsgId = ack.clientMsgId ?? '';
  const id = ack.id ?? '';
  const code = ack.code ?? 0;
  const seq = Number(ack.seq ?? 0);
  const retryAfterMs = ack.retryAfterMs ?? 0;
  const clientMsgIdBytes = utf8Length(clientMsgId);
  const idBytes = utf8Length(id);
  const inner =
    stringFieldBytes(clientMsgIdBytes) +
    (ack.ok === true ? 2 : 0) +
    (code === 0 ? 0 : 1 + varintLength(code)) +
    (seq === 0 ? 0 : 1 + varintLength(seq)) +
    stringFieldBytes(idBytes) +
    (retryAfterMs === 0 ? 0 : 1 + varintLength(retryAfterMs));
  const out = Buffer.allocUnsafe(1 + varintLength(inner) + inner);
  out[0] = ACK_TAG;
  let pos = writeVarint(out, 1, inner);
  if (clientMsgIdBytes > 0) pos = putString(out, pos, ACK_CLIENT_MSG_ID_TAG, clientMsgId, clientMsgIdBytes);
  if (ack.ok === true) {
    out[pos++] = ACK_OK_TAG;
    out[pos++] = 1;
  }
  if (code !== 0) {
    out[pos] = ACK_CODE_TAG;
    pos = writeVarint(out, pos + 1, code);
  }
  if (seq !== 0) {
    out[pos] = ACK_SEQ_TAG;
    pos = writeVarint(out, pos + 1, seq);
  }
  if (idBytes > 0) pos = putString(out, pos, ACK_ID_TAG, id, idBytes);
  if (retryAfterMs !== 0) {
    out[pos] = ACK_RETRY_AFTER_TAG;
    writeVarint(out, pos + 1, retryAfterMs);
  }
  return out;
}

/** The answer to a ping: the client's time echoed, and ours (wall clock, ms since the epoch). */
export function pongFrame(clientTimeMs: number): Uint8Array {
  return encodeServerFrame({ pong: { clientTimeMs, serverTimeMs: Date.now() } });
}

export function errorFrame(code: ErrorCode, message: string): Uint8Array {
  return encodeServerFrame({ error: { code, message } });
}

/**
 * Tells a client this node is draining, with a delay drawn from [0, maxDelayMs) (DRAIN_RECONNECT_MAX_MS):
 * spread so a whole node's viewers do not land on the others in the same instant.
 */
export function goawayFrame(maxDelayMs: number): Uint8Array {
  return encodeServerFrame({
    goaway: { reason: 'node draining', reconnectDelayMs: Math.floor(Math.random() * maxDelayMs) },
  });
}
